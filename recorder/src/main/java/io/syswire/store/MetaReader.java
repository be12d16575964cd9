package io.syswire.store;

import io.syswire.BadInputException;
import org.h2.engine.MetaRecord;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.MetaType;
import org.h2.mvstore.type.StringDataType;
import org.h2.result.SearchRow;
import org.h2.value.Value;
import org.h2.value.VersionedValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads what an H2 file would make H2 do when it opens, without starting H2's SQL engine:
 * the classes its type registry names, every schema object of its meta table (the SQL that
 * an open re-executes), its Flyway schema history and syswire's case marker. Read-only
 * through the MVStore API; nothing of the file is instantiated or run, and nothing is written.
 */
final class MetaReader {
    private static final String FLYWAY_TABLE = "CREATE CACHED TABLE \"PUBLIC\".\"flyway_schema_history\"(";
    private static final String CASE_INFO_TABLE = "CREATE CACHED TABLE \"PUBLIC\".\"CASE_INFO\"";

    /** What the file holds: schema objects, applied migrations, and the case marker (null: none). */
    record FileMeta(List<SchemaObject> objects, List<AppliedMigration> history, String caseFormat,
                    boolean hasHistoryTable) {
    }

    /** One row of flyway_schema_history, as text (its version may be anything a file says). */
    record AppliedMigration(String version, boolean success) {
    }

    private static final long BLOCK_SIZE = 4096; // MVStore's file block

    private MetaReader() {
    }

    /**
     * @throws BadInputException when the file is not an H2 database, is damaged, or its type
     *                           registry names a class H2 must not load
     */
    static FileMeta read(Path file) {
        return read(file, file.toString());
    }

    /** @param name the file as messages name it */
    static FileMeta read(Path file, String name) {
        // First only the type registry, read by names alone; H2's own reading of it (and
        // of everything else) comes after, in a store opened afresh.
        try (MVStore mv = open(file, name)) {
            checkChunks(mv, file, name);
            checkTypeRegistry(mv, name);
        }
        try (MVStore mv = open(file, name)) {
            MVMap<String, DataType<?>> types = mv.openMap("_", new MVMap.Builder<String, DataType<?>>()
                    .keyType(StringDataType.INSTANCE).valueType(new MetaType<>(null, null)));
            List<SchemaObject> objects = new ArrayList<>();
            Map<Integer, String> tableSql = new java.util.HashMap<>();
            MVMap<Object, Object> meta = openTable(mv, types, 0);
            if (meta == null) {
                throw new BadInputException(name + " is damaged or cut short: no schema can be read from it");
            }
            for (Map.Entry<Object, Object> e : meta.entrySet()) {
                VersionedValue<?> v = (VersionedValue<?>) e.getValue();
                // what H2 will see (committed) and what a leftover transaction wrote: both must pass
                for (Object row : new Object[] {v.getCommittedValue(), v.getCurrentValue()}) {
                    if (row instanceof SearchRow r) {
                        MetaRecord rec = new MetaRecord(r);
                        SchemaObject.Kind kind = SchemaObject.Kind.ofH2(rec.getObjectType());
                        if (kind == null) {
                            throw new BadInputException(name + " carries a schema object of unknown type "
                                    + rec.getObjectType());
                        }
                        SchemaObject o = new SchemaObject(kind, rec.getSQL());
                        if (!objects.contains(o)) {
                            objects.add(o);
                        }
                        if (kind == SchemaObject.Kind.TABLE_OR_VIEW) {
                            tableSql.put(rec.getId(), rec.getSQL());
                        }
                    }
                }
            }
            Integer historyId = tableId(tableSql, FLYWAY_TABLE);
            Integer caseInfoId = tableId(tableSql, CASE_INFO_TABLE);
            List<AppliedMigration> history = new ArrayList<>();
            if (historyId != null) {
                for (Value[] row : committedRows(mv, types, historyId)) {
                    // columns: installed_rank, version, description, type, script, checksum, ..., success
                    if (row.length >= 10) {
                        history.add(new AppliedMigration(row[1] == null || row[1] == org.h2.value.ValueNull.INSTANCE
                                ? null : row[1].getString(), row[9].getBoolean()));
                    }
                }
            }
            String format = null;
            if (caseInfoId != null) {
                for (Value[] row : committedRows(mv, types, caseInfoId)) {
                    if (row.length >= 2 && "format".equals(row[0].getString())) {
                        format = row[1].getString();
                    }
                }
            }
            return new FileMeta(List.copyOf(objects), List.copyOf(history), format, historyId != null);
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadInputException(name + " " + CaseErrors.storeProblem(e));
        }
    }

    private static MVStore open(Path file, String name) {
        try {
            return new MVStore.Builder().fileName(file.toString()).readOnly().open();
        } catch (RuntimeException e) {
            throw new BadInputException(name + " " + CaseErrors.storeProblem(e));
        }
    }

    /**
     * Every chunk the store's layout refers to lies within the file: a case cut short (a
     * partial copy) is refused here, before anything could write over what survives of it.
     */
    private static void checkChunks(MVStore mv, Path file, String name) {
        long size;
        try {
            size = java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            throw new BadInputException(name + " cannot be read: " + Printable.quote(e.getMessage()));
        }
        // The header names the version last written; a store that can only be read at an
        // older one has lost chunks since (a copy cut short, or damage): never write to it.
        Object written = mv.getStoreHeader().get("version");
        if (written != null) {
            long last = Long.parseLong(written.toString(), 16);
            if (mv.getCurrentVersion() < last) {
                throw new BadInputException(name + " is cut short or damaged: it was written up to version " + last
                        + " of its store, but only version " + mv.getCurrentVersion() + " can be read (a partial copy?)");
            }
        }
        for (Map.Entry<String, String> e : mv.getLayoutMap().entrySet()) {
            if (!e.getKey().startsWith("chunk.")) {
                continue;
            }
            Map<String, String> c = DataUtils.parseMap(e.getValue());
            long end = (Long.parseLong(c.get("block"), 16) + Long.parseLong(c.get("len"), 16)) * BLOCK_SIZE;
            if (end > size) {
                throw new BadInputException(name + " is cut short: it ends at byte " + size + " but its data runs to byte "
                        + end + " (a partial copy?)");
            }
        }
    }

    private static void checkTypeRegistry(MVStore mv, String name) {
        if (!mv.hasMap("_")) {
            return;
        }
        try {
            MVMap<String, String> registry = mv.openMap("_", new MVMap.Builder<String, String>()
                    .keyType(StringDataType.INSTANCE).valueType(new TypeRegistryCheck()));
            for (Map.Entry<String, String> e : registry.entrySet()) {
                e.getValue();
            }
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TypeRegistryCheck.ForeignType f) { // MVStore wraps what a page read throws
                    throw new BadInputException(name + " names a storage class H2 would load, which no syswire case does: "
                            + Printable.quote(f.getMessage()) + "; refusing to open it");
                }
            }
            throw new BadInputException(name + " " + CaseErrors.storeProblem(e));
        }
    }

    private static Integer tableId(Map<Integer, String> tables, String prefix) {
        for (Map.Entry<Integer, String> e : tables.entrySet()) {
            if (e.getValue().startsWith(prefix)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** A table's map with the key and value types its metadata names (all checked above), or null. */
    @SuppressWarnings("unchecked")
    private static MVMap<Object, Object> openTable(MVStore mv, MVMap<String, DataType<?>> types, int tableId) {
        String name = "table." + tableId;
        if (!mv.hasMap(name)) {
            return null;
        }
        String config = mv.getMetaMap().get("map." + Integer.toHexString(mv.getMetaMap().containsKey("name." + name)
                ? Integer.parseInt(mv.getMetaMap().get("name." + name), 16) : -1));
        if (config == null) {
            return null;
        }
        Map<String, String> c = DataUtils.parseMap(config);
        DataType<Object> key = (DataType<Object>) types.get(c.get("key"));
        DataType<Object> value = (DataType<Object>) types.get(c.get("val"));
        if (key == null || value == null) {
            throw new IllegalStateException("map " + name + " has no registered types");
        }
        return mv.openMap(name, new MVMap.Builder<Object, Object>().keyType(key).valueType(value));
    }

    private static List<Value[]> committedRows(MVStore mv, MVMap<String, DataType<?>> types, int tableId) {
        List<Value[]> out = new ArrayList<>();
        MVMap<Object, Object> map = openTable(mv, types, tableId);
        if (map == null) {
            return out;
        }
        for (Object o : map.values()) {
            Object committed = ((VersionedValue<?>) o).getCommittedValue();
            if (committed instanceof SearchRow r) {
                Value[] values = new Value[r.getColumnCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = r.getValue(i);
                }
                out.add(values);
            }
        }
        return out;
    }
}
