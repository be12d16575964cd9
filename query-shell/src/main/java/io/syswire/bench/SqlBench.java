package io.syswire.bench;

import io.syswire.cli.VersionProvider;
import io.syswire.config.Config;
import io.syswire.config.Settings;
import io.syswire.kernel.SyscallTable;
import io.syswire.machine.StateMachine;
import io.syswire.ops.Replayer;
import io.syswire.ops.RunOutcome;
import io.syswire.pipeline.Recorder;
import io.syswire.pipeline.RunSummary;
import io.syswire.pipeline.Source;
import io.syswire.store.CaseFile;
import io.syswire.store.CaseStore;
import io.syswire.store.RunKind;
import io.syswire.store.RunWriter;
import io.syswire.store.StoredRunSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * An analyst's first questions over a large case, timed: generated logs (SyntheticLog, as
 * {@code bench offline}) are stored the way an import stores them (state machine and all),
 * the case is closed, reopened read-only, and each query runs once, as in one shell session.
 */
@Command(name = "sql", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"SQL over raw events at scale: for each size, the time of each target query on a fresh",
                "read-only open, the open itself, bytes per event, and a replay's rate with where its time goes."})
public final class SqlBench implements Callable<Integer> {
    @Option(names = "--events", split = ",", defaultValue = "10000000,50000000",
            description = "sizes to measure, comma-separated (default: ${DEFAULT-VALUE})")
    List<Long> sizes;

    @Option(names = "--full-scan-up-to", defaultValue = "10000000",
            description = "run the GROUP BY that decodes every block only up to this size (default: ${DEFAULT-VALUE})")
    long fullScanUpTo;

    @Option(names = "--active-processes", defaultValue = "500",
            description = "processes busy at a time, of the log's 500 (default: ${DEFAULT-VALUE}: all, so every block"
                    + " holds every pid; fewer: a window that moves on, as on a real host)")
    int active;

    @Option(names = "--dir", defaultValue = "/tmp", description = "where the case goes (default: ${DEFAULT-VALUE})")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SyscallTable table = SyscallTable.x86_64();
        out.printf("syswire sql benchmark: %s; %d of %d processes busy at a time%n", OfflineBench.TASK,
                Math.min(active, SyntheticLog.PROCESSES), SyntheticLog.PROCESSES);
        for (long n : sizes) {
            Path db = dir.resolve("syswire-sqlbench-" + ProcessHandle.current().pid() + "-" + n + ".db");
            try {
                measure(out, table, n, db);
            } finally {
                Files.deleteIfExists(db);
            }
        }
        out.flush();
        return 0;
    }

    private void measure(PrintWriter out, SyscallTable table, long n, Path db) throws Exception {
        out.printf("%n%,d events%n", n);
        long t0 = System.nanoTime();
        int runId;
        try (CaseStore store = CaseFile.at(db).create()) {
            Config config = Settings.parseTask(OfflineBench.TASK).resolve(table);
            // committed as a recording commits: one transaction of 50M events would be held in memory
            RunWriter writer = store.beginRun(RunKind.IMPORT, null, config, "synthetic", table, RunWriter.Commit.EVERY_SECOND);
            Source generated = new Source() {
                @Override
                public void drain(io.syswire.pipeline.RawEventHandler handler) {
                    SyntheticLog.generate(n, active, handler::accept);
                }

                @Override
                public void close() {
                }
            };
            RunSummary s = new Recorder(new StateMachine(config, table, writer), writer).run(generated);
            runId = writer.runId();
            out.printf("  stored (generate, machine, write):   %8.2f s  (%,d traces)%n", secs(t0), s.machine().traces());
            t0 = System.nanoTime();
        }
        out.printf("  close (compact):                     %8.2f s%n", secs(t0));
        long bytes = Files.size(db);
        out.printf("  case file: %,d bytes = %.2f bytes per event%n", bytes, (double) bytes / n);

        t0 = System.nanoTime();
        try (CaseStore store = CaseFile.at(db).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE);
             Statement st = store.connection().createStatement()) {
            out.printf("  open read-only (checks included):    %8.3f s%n", secs(t0));
            long index = Long.parseLong(one(st, "SELECT SUM(OCTET_LENGTH(pids) + OCTET_LENGTH(syscalls) + 36) FROM raw_block_index"));
            out.printf("  raw_block_index: %,d blocks, %,d bytes of row data = %.3f bytes per event (before page compression)%n",
                    Long.parseLong(one(st, "SELECT COUNT(*) FROM raw_block_index")), index, (double) index / n);
            long mid = n / 2;
            String t = one(st, "SELECT CAST(ts AS VARCHAR) FROM raw_events WHERE run_id = " + runId + " AND seq = " + mid);
            String window = "ts BETWEEN TIMESTAMP WITH TIME ZONE '" + t + "' AND DATEADD(SECOND, 1, TIMESTAMP WITH TIME ZONE '" + t + "')";
            // a process busy in the middle of the log
            int pid = Integer.parseInt(one(st, "SELECT pid FROM raw_events WHERE run_id = " + runId + " AND seq BETWEEN " + mid
                    + " AND " + (mid + 1000) + " AND kind = 'syscall' LIMIT 1"));
            query(out, st, "SELECT COUNT(*) FROM raw_events", "count of all raw events");
            query(out, st, "SELECT syscall, COUNT(*) FROM raw_events GROUP BY syscall", "GROUP BY syscall, via counts table: ",
                    "SELECT syscall, SUM(events) FROM raw_event_counts GROUP BY syscall");
            query(out, st, "SELECT syscall, pid, comm, SUM(events) FROM raw_event_counts GROUP BY syscall, pid, comm",
                    "GROUP BY syscall, pid, comm (counts)");
            if (n <= fullScanUpTo) {
                query(out, st, "SELECT syscall, pid, comm, COUNT(*) FROM raw_events GROUP BY syscall, pid, comm",
                        "GROUP BY syscall, pid, comm (decode)");
            }
            query(out, st, "SELECT SUM(events) FROM raw_event_counts WHERE pid = " + pid, "count of one pid (counts)");
            query(out, st, "SELECT COUNT(*) FROM raw_events WHERE pid = " + pid, "count of one pid (decode)");
            query(out, st, "SELECT * FROM raw_events WHERE pid = " + pid, "all events of one pid");
            query(out, st, "SELECT * FROM raw_events WHERE " + window, "ts BETWEEN, a 1 s window");
            query(out, st, "SELECT * FROM raw_events WHERE run_id = " + runId + " AND seq = " + (mid + 17), "one event by (run_id, seq)");
            query(out, st, "SELECT * FROM raw_events WHERE seq = " + (mid + 4099), "one event by seq");
            query(out, st, "SELECT COUNT(*) FROM trace_events e JOIN raw_events r ON r.run_id = e.run_id AND r.seq = e.raw_seq"
                    + " WHERE e.trace_id <= 200", "200 traces' events joined to raw_events");

            t0 = System.nanoTime();
            long[] read = {0};
            new StoredRunSource(store, runId).drain(e -> read[0]++);
            double decodeSecs = secs(t0);
            out.printf("  replay: blocks read and decoded:     %8.2f s  %,12.0f events/s%n", decodeSecs, read[0] / decodeSecs);
            // the same, into the state machine with nothing written: the rest of a replay is its writer
            Config config = Settings.parseTask(OfflineBench.TASK).resolve(table);
            long[] made = {0};
            StateMachine machine = new StateMachine(config, table, new io.syswire.machine.MachineListener() {
                @Override
                public void transition(io.syswire.machine.Transition t) {
                    made[0]++;
                }

                @Override
                public void traceClosed(io.syswire.machine.Trace t) {
                    made[0]++;
                }

                @Override
                public void processSeen(int procNo, io.syswire.event.ProcessInfo p, long ts) {
                }

                @Override
                public void imageStarted(int procNo, io.syswire.event.ProcessInfo p, long ts) {
                }

                @Override
                public void processExited(int procNo, io.syswire.event.ProcessInfo p, long ts, Integer code) {
                }
            });
            t0 = System.nanoTime();
            long[] seq = {0};
            new StoredRunSource(store, runId).drain(e -> machine.apply(e, ++seq[0]));
            machine.finish();
            double machineSecs = secs(t0);
            out.printf("  replay: blocks into the machine only: %7.2f s  %,12.0f events/s (%,d traces and transitions)%n",
                    machineSecs, seq[0] / machineSecs, made[0]);
        }
        // a replay writes its run: opened for writing, as `syswire replay` does
        try (CaseStore store = CaseFile.at(db).open(CaseStore.Access.READ_WRITE, CaseStore.Upgrade.REFUSE)) {
            t0 = System.nanoTime();
            RunOutcome replay = Replayer.run(store, store.resolveRun(runId), Settings.none(), table, null);
            double replaySecs = secs(t0);
            out.printf("  replay: into the state machine, stored: %5.2f s  %,12.0f events/s (%,d traces)%n", replaySecs,
                    n / replaySecs, replay.summary().machine().traces());
        }
    }

    private static void query(PrintWriter out, Statement st, String sql, String label) throws SQLException {
        query(out, st, sql, label, null);
    }

    /** Runs a query, reads every row, prints its time (and that of an equivalent one if given). */
    private static void query(PrintWriter out, Statement st, String sql, String label, String alternative) throws SQLException {
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long rows = drain(st, alternative != null ? alternative : sql);
        out.printf("  %-37s %8.3f s  cpu %6.3f s  (%,d rows)   %s%n", label, secs(t0),
                (cpu.getCurrentThreadCpuTime() - c0) / 1e9, rows, alternative != null ? alternative : sql);
        out.flush();
    }

    private static long drain(Statement st, String sql) throws SQLException {
        long rows = 0;
        try (ResultSet rs = st.executeQuery(sql)) {
            int cols = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= cols; i++) {
                    rs.getObject(i);
                }
                rows++;
            }
        }
        return rows;
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
