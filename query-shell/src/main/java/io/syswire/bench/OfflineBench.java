package io.syswire.bench;

import io.syswire.cli.VersionProvider;
import io.syswire.config.Config;
import io.syswire.config.Settings;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.kernel.SyscallTable;
import io.syswire.machine.MachineListener;
import io.syswire.machine.StateMachine;
import io.syswire.machine.Trace;
import io.syswire.machine.Transition;
import io.syswire.ops.Importer;
import io.syswire.ops.Replayer;
import io.syswire.ops.RunOutcome;
import io.syswire.rawlog.RawLogWriter;
import io.syswire.store.CaseFile;
import io.syswire.store.CaseStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "offline", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Events per second through the state machine alone, an import of a generated raw log",
                "into a case, a replay from the case, and a full scan of the raw_events view."})
public final class OfflineBench implements Callable<Integer> {
    static final String TASK = "syswire|capabilities:cap_net_raw;tripwires:socket;context:sendto+close;maxtrace:10;maxage:5;evictrate:1";

    @Option(names = "--events", defaultValue = "5000000", description = "events to generate (default: ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--dir", defaultValue = "/tmp", description = "where the raw log and case go (default: ${DEFAULT-VALUE})")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SyscallTable table = SyscallTable.x86_64();
        Config config = Settings.parseTask(TASK).resolve(table);
        out.printf("syswire offline benchmark: %,d generated events, %s%n", events, TASK);

        List<RawEvent> log = new ArrayList<>((int) Math.min(events, Integer.MAX_VALUE - 8));
        SyntheticLog.generate(events, log::add);
        machineOnly(config, table, log.subList(0, Math.min(log.size(), 1_000_000))); // warm-up
        long[] counts = new long[2];
        long t0 = System.nanoTime();
        machineOnly(config, table, log, counts);
        double machineSecs = (System.nanoTime() - t0) / 1e9;
        out.printf("  state machine alone:  %,12.0f events/s  (%.2f s; %,d traces, %,d transitions)%n",
                events / machineSecs, machineSecs, counts[0], counts[1]);

        Path raw = dir.resolve("syswire-bench-" + ProcessHandle.current().pid() + ".jsonl");
        Path db = dir.resolve("syswire-bench-" + ProcessHandle.current().pid() + ".db");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(raw, StandardCharsets.UTF_8);
                 RawLogWriter rw = new RawLogWriter(w, table)) {
                log.forEach(rw::accept);
            }
            long rawBytes = Files.size(raw);
            log = null; // let the import run without 5M events held in memory
            System.gc();
            try (CaseStore store = CaseFile.at(db).create()) {
                t0 = System.nanoTime();
                RunOutcome imported = Importer.run(store, Files.newBufferedReader(raw, StandardCharsets.UTF_8), raw.toString(),
                        Settings.parseTask(TASK), table);
                double importSecs = (System.nanoTime() - t0) / 1e9;
                out.printf("  import (with machine): %,11.0f events/s  (%.2f s from a %,d-byte raw log)%n",
                        events / importSecs, importSecs, rawBytes);

                t0 = System.nanoTime();
                RunOutcome replay = Replayer.run(store, store.resolveRun(imported.runId()), Settings.none(), table, null);
                double replaySecs = (System.nanoTime() - t0) / 1e9;
                out.printf("  replay from case.db:  %,12.0f events/s  (%.2f s; %,d traces)%n", events / replaySecs,
                        replaySecs, replay.summary().machine().traces());

                t0 = System.nanoTime();
                long rows;
                try (Statement s = store.connection().createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT pid) FROM raw_events WHERE syscall = 'sendto'")) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                double scanSecs = (System.nanoTime() - t0) / 1e9;
                out.printf("  raw_events SQL scan:  %,12.0f rows/s    (%.2f s; %,d sendto rows matched)%n", events / scanSecs,
                        scanSecs, rows);
            }
            long dbBytes = Files.size(db);
            out.printf("  case.db: %,d bytes = %.1f bytes per raw event (the raw log file: %.1f)%n", dbBytes,
                    (double) dbBytes / events, (double) rawBytes / events);
        } finally {
            Files.deleteIfExists(raw);
            Files.deleteIfExists(db);
        }
        out.flush();
        return 0;
    }

    private static void machineOnly(Config config, SyscallTable table, List<RawEvent> log) {
        machineOnly(config, table, log, new long[2]);
    }

    private static void machineOnly(Config config, SyscallTable table, List<RawEvent> log, long[] counts) {
        StateMachine m = new StateMachine(config, table, new MachineListener() {
            @Override
            public void transition(Transition t) {
                counts[1]++;
            }

            @Override
            public void traceClosed(Trace t) {
                counts[0]++;
            }

            @Override
            public void processSeen(int procNo, ProcessInfo p, long ts) {
            }

            @Override
            public void imageStarted(int procNo, ProcessInfo p, long ts) {
            }

            @Override
            public void processExited(int procNo, ProcessInfo p, long ts, Integer code) {
            }
        });
        long seq = 0;
        for (RawEvent e : log) {
            m.apply(e, ++seq);
        }
        m.finish();
    }

}
