package io.syswire.hostile;

import io.syswire.JavaProcess;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.MetaType;
import org.h2.mvstore.type.StringDataType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hostile case files, made the way an intruder would: with plain H2, or the MVStore API underneath it. */
public final class Hostile {
    private Hostile() {
    }

    /** A Java statement that leaves {@code marker}, for a payload's source. */
    public static String writes(Path marker) {
        return "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + marker + "\"), \"payload ran\")";
    }

    /** Runs SQL on a case with plain H2 in a child JVM that has the JDK's compiler (see {@link PlainH2}). */
    public static String plainH2(Path file, String... sql) throws IOException, InterruptedException {
        return plainH2(true, file, sql);
    }

    /** @param mustOpen false when H2 may well fail on the file (after running what it carries) */
    public static String plainH2(boolean mustOpen, Path file, String... sql) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(JavaProcess.fullJdk(), "-cp", JavaProcess.classPath(),
                PlainH2.class.getName(), file.toString()));
        cmd.addAll(List.of(sql));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int status = p.waitFor();
        if (mustOpen) {
            assertEquals(0, status, out);
        }
        return out;
    }

    /** Adds to the file's type registry an entry naming {@code className}, which H2 would load when it opens the file. */
    public static void nameForeignType(Path file, String className) {
        try (MVStore mv = new MVStore.Builder().fileName(file.toString()).open()) {
            MVMap<String, Object> registry = mv.openMap("_", new MVMap.Builder<String, Object>()
                    .keyType(StringDataType.INSTANCE).valueType(new RawOrMeta()));
            WriteBuffer b = new WriteBuffer();
            b.putVarInt(className.length()).putStringData(className, className.length());
            ByteBuffer bytes = b.getBuffer();
            bytes.flip();
            byte[] raw = new byte[bytes.remaining()];
            bytes.get(raw);
            registry.put("feedface", raw);
            mv.commit();
        }
    }

    /** Reads the registry's own entries as H2 does; writes a byte[] as it is. */
    private static final class RawOrMeta extends BasicDataType<Object> {
        private final MetaType<Object> meta = new MetaType<>(null, null);

        @Override
        public int getMemory(Object obj) {
            return 64;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void write(WriteBuffer buff, Object obj) {
            if (obj instanceof byte[] raw) {
                buff.put(raw);
            } else {
                meta.write(buff, (DataType<?>) obj);
            }
        }

        @Override
        public Object read(ByteBuffer buff) {
            return meta.read(buff);
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }
    }

    public static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
