package io.syswire.store;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;
import java.util.Set;

/**
 * Reads the type registry of an H2 file (its map "_") without instantiating anything. H2
 * itself reads each entry by loading the class the entry names and calling its constructor
 * or static INSTANCE: a file could name any class on the class path. This reads the names
 * and the few bytes of state H2's own data types keep, and refuses any other class, so that
 * H2 opens the file only after it has been shown to name nothing but H2's storage types.
 */
final class TypeRegistryCheck extends BasicDataType<String> {
    /** Storage types whose entry is the class name alone. */
    private static final Set<String> SINGLETONS = Set.of(
            "org.h2.mvstore.type.LongDataType", "org.h2.mvstore.type.StringDataType",
            "org.h2.mvstore.type.ByteArrayDataType", "org.h2.mvstore.db.NullValueDataType",
            "org.h2.mvstore.db.LobStorageMap$BlobReference$Type", "org.h2.mvstore.db.LobStorageMap$BlobMeta$Type");
    private static final String VERSIONED = "org.h2.mvstore.tx.VersionedValueType$Factory";
    private static final String ROW = "org.h2.mvstore.db.RowDataType$Factory";
    private static final String VALUE = "org.h2.mvstore.db.ValueDataType$Factory";
    private static final int MAX_NAME = 200;
    private static final int MAX_ARRAY = 100_000;

    /** A class the registry names that H2 must not load. */
    static final class ForeignType extends RuntimeException {
        ForeignType(String className) {
            super(className);
        }
    }

    @Override
    public String read(ByteBuffer buff) {
        return read(buff, 0);
    }

    private String read(ByteBuffer buff, int depth) {
        int len = DataUtils.readVarInt(buff);
        if (len < 0 || len > MAX_NAME || depth > 4) {
            throw new ForeignType("(a malformed entry)");
        }
        String name = DataUtils.readString(buff, len);
        if (SINGLETONS.contains(name)) {
            return name;
        }
        switch (name) {
            case VERSIONED -> {
                return name + "(" + read(buff, depth + 1) + ")";
            }
            case ROW -> {
                DataUtils.readVarInt(buff);     // column count
                skipIntArray(buff);             // sort types
                skipIntArray(buff);             // indexes
                buff.get();                     // store keys
                return name;
            }
            case VALUE -> {
                skipIntArray(buff);             // sort types
                DataUtils.readVarInt(buff);     // column count
                skipIntArray(buff);             // indexes
                buff.get();                     // store keys
                return name;
            }
            default -> throw new ForeignType(name);
        }
    }

    private static void skipIntArray(ByteBuffer buff) {
        int n = DataUtils.readVarInt(buff) - 1;
        if (n > MAX_ARRAY) {
            throw new ForeignType("(a malformed entry)");
        }
        for (int i = 0; i < n; i++) {
            DataUtils.readVarInt(buff);
        }
    }

    @Override
    public int getMemory(String obj) {
        return 64;
    }

    @Override
    public void write(WriteBuffer buff, String obj) {
        throw new UnsupportedOperationException("read only");
    }

    @Override
    public String[] createStorage(int size) {
        return new String[size];
    }
}
