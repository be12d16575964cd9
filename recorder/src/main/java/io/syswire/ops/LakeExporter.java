package io.syswire.ops;

import io.syswire.BadInputException;
import io.syswire.kernel.SyscallTable;
import io.syswire.lake.LakeColumn;
import io.syswire.lake.LakePartition;
import io.syswire.lake.LakeTable;
import io.syswire.lake.ParquetTableWriter;
import io.syswire.store.CaseStore;
import io.syswire.store.RunInfo;
import io.syswire.store.Times;
import org.apache.parquet.io.LocalOutputFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Exports runs of a case into a Parquet data lake ({@link LakeTable}, {@link LakePartition}).
 * Other hosts' and runs' partitions in the lake are never touched. Everything is written into a
 * staging directory inside the lake first and then moved into place partition by partition, so
 * a failed export adds nothing; a partition that exists already is refused unless asked to
 * replace it, and then only that partition is replaced.
 */
public final class LakeExporter {
    private LakeExporter() {
    }

    /** What was written: rows per partition, in order, and the files each holds (part-00000.parquet, …). */
    public record Result(Map<LakePartition, Long> rows, Map<LakePartition, List<String>> files, List<LakePartition> replaced) {
        public long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public static Result export(CaseStore store, List<RunInfo> runs, List<LakeTable> tables, Path lake, boolean replace,
                                SyscallTable syscalls) throws IOException {
        return export(store, runs, tables, lake, replace, syscalls, RawEventParts.MIN_EVENTS_PER_PART,
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param minEventsPerPart a run's raw events are split into parts of at least this many events
     * @param maxParts         and into at most this many, each written by its own thread
     */
    public static Result export(CaseStore store, List<RunInfo> runs, List<LakeTable> tables, Path lake, boolean replace,
                                SyscallTable syscalls, long minEventsPerPart, int maxParts) throws IOException {
        if (Files.exists(lake) && !Files.isDirectory(lake)) {
            throw new BadInputException(lake + " is not a directory (--format parquet writes a lake directory)");
        }
        List<LakePartition> parts = new ArrayList<>();
        for (RunInfo r : runs) {
            for (LakeTable t : tables) {
                if (t == LakeTable.RAW_EVENTS && !r.kind().storesRawEvents()) {
                    continue; // a replay's raw events are its parent's
                }
                parts.add(LakePartition.of(t, r.host(), r.runId()));
            }
        }
        List<LakePartition> existing = parts.stream().filter(p -> Files.exists(p.under(lake))).toList();
        if (!existing.isEmpty() && !replace) {
            LakePartition p = existing.get(0);
            throw new BadInputException(p.under(lake) + " already exists: run " + p.runId() + " of host " + p.host()
                    + " is in the lake" + (existing.size() > 1 ? " (and " + (existing.size() - 1) + " more partitions)" : "")
                    + "; --replace replaces only that run's partitions");
        }
        boolean created = !Files.exists(lake);
        Files.createDirectories(lake);
        Path staging = Files.createTempDirectory(lake, ".syswire-export-");
        Map<LakePartition, Long> rows = new LinkedHashMap<>();
        Map<LakePartition, List<String>> files = new LinkedHashMap<>();
        try {
            for (LakePartition p : parts) {
                Path dir = p.under(staging);
                Files.createDirectories(dir);
                if (p.table() == LakeTable.RAW_EVENTS) {
                    rows.put(p, new RawEventParts(store, syscalls, minEventsPerPart, maxParts).write(p.runId(), dir));
                } else {
                    try (ParquetTableWriter w = new ParquetTableWriter(new LocalOutputFile(dir.resolve(LakePartition.FILE)), p.table())) {
                        tableRows(store, p.table(), p.runId(), w);
                        rows.put(p, w.rows());
                    }
                }
                try (Stream<Path> s = Files.list(dir)) {
                    files.put(p, s.map(f -> f.getFileName().toString()).sorted().toList());
                }
            }
            for (LakePartition p : parts) {
                Path target = p.under(lake);
                if (Files.exists(target)) {
                    deleteTree(target);
                }
                Files.createDirectories(target.getParent());
                Files.move(p.under(staging), target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException | RuntimeException e) {
            deleteTree(staging);
            if (created) {
                deleteTree(lake);
            }
            throw e;
        }
        deleteTree(staging);
        return new Result(rows, files, existing);
    }

    private static void tableRows(CaseStore store, LakeTable table, int runId, ParquetTableWriter w) throws IOException {
        List<LakeColumn> cols = table.columns();
        Object[] row = new Object[cols.size()];
        try (PreparedStatement ps = store.connection().prepareStatement(selectOfRun(table))) {
            ps.setInt(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = value(rs, i + 1, cols.get(i).type());
                    }
                    w.write(row);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + table.dir() + " of run " + runId + ": " + e.getMessage(), e);
        }
    }

    static String selectOfRun(LakeTable table) {
        StringBuilder s = new StringBuilder("SELECT ");
        for (int i = 0; i < table.columns().size(); i++) {
            s.append(i > 0 ? ", " : "").append(table.columns().get(i).name());
        }
        return s.append(" FROM ").append(table.dir()).append(" WHERE run_id = ? ORDER BY ").append(table.orderBy()).toString();
    }

    private static Object value(ResultSet rs, int i, LakeColumn.Type type) throws SQLException {
        Object v = switch (type) {
            case INT32 -> rs.getInt(i);
            case INT64 -> rs.getLong(i);
            case BOOLEAN -> rs.getBoolean(i);
            case STRING, JSON -> rs.getString(i);
            case TIMESTAMP -> {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                yield t == null ? null : Times.nanos(t);
            }
        };
        return rs.wasNull() ? null : v;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
