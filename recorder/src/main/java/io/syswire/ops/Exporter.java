package io.syswire.ops;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.syswire.BadInputException;
import io.syswire.event.ExitEvent;
import io.syswire.event.ForkEvent;
import io.syswire.event.ProcessEvent;
import io.syswire.event.RawEvent;
import io.syswire.event.LostEvent;
import io.syswire.event.SyscallEvent;
import io.syswire.event.TickEvent;
import io.syswire.kernel.SyscallTable;
import io.syswire.output.Json;
import io.syswire.lake.LakeColumn;
import io.syswire.lake.LakeTable;
import io.syswire.lake.RawEventColumns;
import io.syswire.output.rows.Column;
import io.syswire.output.rows.CsvRows;
import io.syswire.output.rows.JsonRows;
import io.syswire.output.rows.ResultRows;
import io.syswire.output.rows.RowWriter;
import io.syswire.rawlog.RawLogWriter;
import io.syswire.store.CaseStore;
import io.syswire.store.RunInfo;
import io.syswire.time.Rfc3339;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static io.syswire.store.schema.Tables.TRACES;

/**
 * Writes a run's traces, transitions or raw events as JSON, JSON Lines or CSV. Traces in JSON
 * are the published documents; raw events in JSON Lines are a raw log file that
 * {@code import} reads back.
 */
public final class Exporter {
    public enum What { TRACES, TRANSITIONS, RAW }

    public enum Format { JSON, JSONL, CSV, PARQUET }

    private Exporter() {
    }

    public static What what(String s) {
        try {
            return What.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--what must be traces, transitions or raw, not '" + s + "'");
        }
    }

    public static Format format(String s) {
        try {
            return Format.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--format must be json, jsonl, csv or parquet, not '" + s + "'");
        }
    }

    /** @return the number of records written */
    public static long export(CaseStore store, RunInfo run, What what, Format format, Writer out, SyscallTable table)
            throws IOException {
        return export(store, run, what, format, out, table, Set.of());
    }

    /**
     * Like {@link #export(CaseStore, RunInfo, What, Format, Writer, SyscallTable)}, keeping only
     * what concerns the given processes (all when empty). Raw events keep their process's
     * records (a fork also its child's) and the ticks and losses that belong to everyone.
     */
    public static long export(CaseStore store, RunInfo run, What what, Format format, Writer out, SyscallTable table,
                              Set<Integer> pids) throws IOException {
        if (format == Format.PARQUET) {
            throw new BadInputException("--format parquet writes a lake directory: give -o DIR");
        }
        String only = pids.isEmpty() ? "" : " AND pid IN (" + pids.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
        try {
            return switch (what) {
                case TRACES -> format == Format.CSV ? rows(store, TRACES_CSV.replace("WHERE t.run_id = ?", "WHERE t.run_id = ?" + only.replace("pid", "t.pid")),
                        run.runId(), out, format) : traceDocs(store, run, format, out, pids);
                case TRANSITIONS -> rows(store, TRANSITIONS_SQL.replace("WHERE run_id = ?", "WHERE run_id = ?" + only), run.runId(), out, format);
                case RAW -> raw(store, run, format, out, table, pids);
            };
        } catch (SQLException e) {
            throw new IllegalStateException("export failed: " + e.getMessage(), e);
        }
    }

    static boolean concerns(RawEvent e, Set<Integer> pids) {
        if (pids.isEmpty()) {
            return true;
        }
        return e.accept(new RawEvent.Visitor<Boolean>() {
            @Override
            public Boolean syscall(SyscallEvent s) {
                return pids.contains(s.pid());
            }

            @Override
            public Boolean process(ProcessEvent p) {
                return pids.contains(p.info().pid());
            }

            @Override
            public Boolean fork(ForkEvent f) {
                return pids.contains(f.pid()) || pids.contains(f.childPid());
            }

            @Override
            public Boolean exit(ExitEvent x) {
                return pids.contains(x.pid());
            }

            @Override
            public Boolean tick(TickEvent t) {
                return true; // time passes for everyone
            }

            @Override
            public Boolean lost(LostEvent l) {
                return true; // a loss may concern any process
            }
        });
    }

    private static final String TRACES_CSV = """
            SELECT t.run_id, t.trace_id, t.pid, t.start_time, t.process_name, t.tripwire_syscall, t.tripwire_ts,
                   t.tripwire_tid, t.cap_effective, t.cap_permitted, t.elevated, t.context_count,
                   (SELECT LISTAGG(e.syscall, '+') WITHIN GROUP (ORDER BY e.ordinal) FROM trace_events e
                     WHERE e.run_id = t.run_id AND e.trace_id = t.trace_id AND e.role = 'context') AS context,
                   t.end_reason, t.closed_ts, t.complete, t.lost_events
            FROM traces t WHERE t.run_id = ? ORDER BY t.trace_id""";

    private static final String TRANSITIONS_SQL = """
            SELECT run_id, seq, ts, pid, start_time, process_name, from_state, to_state, cause, syscall,
                   cap_effective, cap_permitted, trace_id, raw_seq
            FROM transitions WHERE run_id = ? ORDER BY seq""";

    private static long rows(CaseStore store, String sql, int runId, Writer out, Format format) throws SQLException, IOException {
        try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
            ps.setInt(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return ResultRows.pump(rs, writer(format, out), -1);
            }
        }
    }

    static RowWriter writer(Format format, Writer out) throws IOException {
        return switch (format) {
            case CSV -> new CsvRows(out);
            case JSON -> new JsonRows(out, false);
            case JSONL -> new JsonRows(out, true);
            case PARQUET -> throw new BadInputException("--format parquet writes a lake directory: give -o DIR");
        };
    }

    private static long traceDocs(CaseStore store, RunInfo run, Format format, Writer out, Set<Integer> pids) throws IOException {
        long n = 0;
        JsonGenerator g = Json.FACTORY.createGenerator(out);
        if (format == Format.JSON) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            g.writeStartArray();
        } else {
            g.setRootValueSeparator(null);
        }
        var where = TRACES.RUN_ID.eq(run.runId());
        if (!pids.isEmpty()) {
            where = where.and(TRACES.PID.in(pids));
        }
        for (var doc : store.sql().select(TRACES.DOC).from(TRACES).where(where).orderBy(TRACES.TRACE_ID).fetch(TRACES.DOC)) {
            if (format == Format.JSON) {
                g.writeTree(Json.MAPPER.readTree(doc.data()));
            } else {
                g.writeRawValue(doc.data());
                g.writeRaw('\n');
            }
            n++;
        }
        if (format == Format.JSON) {
            g.writeEndArray();
            g.writeRaw('\n');
        }
        g.flush();
        return n;
    }

    /**
     * Raw events in every format come the same way: the run's events in order, kept by
     * {@link #concerns}, then written as a raw log (JSON, JSON Lines) or as the rows of
     * {@code raw_events} (CSV).
     */
    private static long raw(CaseStore store, RunInfo run, Format format, Writer out, SyscallTable table,
                            Set<Integer> pids) throws IOException {
        RunInfo evidence = store.evidenceRun(run);
        long[] n = {0};
        if (format == Format.CSV) {
            CsvRows csv = new CsvRows(out);
            RawEventColumns columns = new RawEventColumns(table);
            List<Column> header = new ArrayList<>();
            header.add(new Column("run_id", Column.Kind.NUMBER));
            for (LakeColumn c : LakeTable.RAW_EVENTS.columns()) {
                header.add(new Column(c.name(), Column.Kind.TEXT));
            }
            csv.start(header);
            long[] seq = {0};
            Object[] line = new Object[header.size()];
            line[0] = evidence.runId();
            store.readRaw(evidence.runId(), e -> {
                Object[] row = columns.row(e, ++seq[0]);
                if (!concerns(e, pids)) {
                    return;
                }
                for (int i = 0; i < row.length; i++) {
                    Object v = row[i];
                    line[i + 1] = v != null && LakeTable.RAW_EVENTS.columns().get(i).type() == LakeColumn.Type.TIMESTAMP
                            ? Rfc3339.format((Long) v) : v;
                }
                try {
                    csv.row(line);
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
                n[0]++;
            });
            csv.end(0);
            return n[0];
        }
        try (RawLogWriter w = new RawLogWriter(out, table, format == Format.JSON)) {
            store.readRaw(evidence.runId(), e -> {
                if (concerns(e, pids)) {
                    w.accept(e);
                    n[0]++;
                }
            });
        }
        out.flush();
        return n[0];
    }
}
