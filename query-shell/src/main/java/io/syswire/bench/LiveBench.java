package io.syswire.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.syswire.cli.VersionProvider;
import io.syswire.config.Config;
import io.syswire.config.Settings;
import io.syswire.kernel.SyscallSet;
import io.syswire.kernel.SyscallTable;
import io.syswire.live.LiveEnvironment;
import io.syswire.live.LiveOptions;
import io.syswire.ops.CaseTarget;
import io.syswire.ops.LiveRecording;
import io.syswire.ops.StopOn;
import io.syswire.ops.RunOutcome;
import io.syswire.output.Json;
import io.syswire.store.CaseFile;
import io.syswire.store.CaseStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live recorder's costs, measured in one run so ratios compare like with like:
 * (a) idle overhead on a syscall outside the capture set, (b) throughput of an ungated flood
 * into case.db, and drops, (c) the same flood under default gating.
 */
@Command(name = "live", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Live recorder benchmarks (root): (a) idle overhead, (b) ungated throughput and drops,",
                "(c) the gated flood. Workloads are samples/scenarios programs pinned to one CPU."})
public final class LiveBench implements java.util.concurrent.Callable<Integer> {
    private static final long SETTLE_MILLIS = 1000;
    static final String IDLE_TASK = "syswire|capabilities:cap_net_raw;tripwires:socket;context:sendto";
    static final String FLOOD_TASK = "syswire|capabilities:cap_net_raw;tripwires:socket;context:close";

    @Option(names = "--scenarios", defaultValue = "samples/scenarios/build", description = "the built scenario programs (default: ${DEFAULT-VALUE})")
    Path scenarios;

    @Option(names = "--rounds", defaultValue = "7", description = "paired rounds for the ratios (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--calls", defaultValue = "2000000", description = "getppid calls per idle run (default: ${DEFAULT-VALUE})")
    long calls;

    @Option(names = "--flood", defaultValue = "3000000", description = "close(-1) calls per flood run (default: ${DEFAULT-VALUE})")
    long flood;

    @Option(names = "--floods", defaultValue = "4", description = "flood runs in the one ungated recording of (b) (default: ${DEFAULT-VALUE})")
    int floods;

    @Option(names = "--workload-cpu", defaultValue = "1", description = "the CPU the workload is pinned to; the recorder gets the others (default: ${DEFAULT-VALUE})")
    int cpu;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (rounds < 1 || floods < 1 || calls < 1 || flood < 1) {
            throw new ParameterException(spec.commandLine(), "--rounds, --floods, --calls and --flood must be at least 1");
        }
        SyscallTable table = SyscallTable.x86_64();
        pinRecorderAwayFrom(cpu);
        out.printf("syswire live benchmark: workloads pinned to CPU %d, %d paired rounds%n", cpu, rounds);

        // (a) idle overhead: getppid is outside the capture set. The floor is what the kernel
        // charges every syscall once any syscall tracepoint is on (tracefs events, no BPF at all).
        double[] bare = new double[rounds];
        double[] with = new double[rounds];
        double[] floor = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            bare[i] = nsPerCall(run("noise", "-n", Long.toString(calls)));
            with[i] = whileRecording(IDLE_TASK, false, table, () -> nsPerCall(run("noise", "-n", Long.toString(calls)))).result;
            floor[i] = withTracefsEvents(List.of("socket", "sendto"), () -> nsPerCall(run("noise", "-n", Long.toString(calls))));
        }
        out.printf("(a) idle: %,d getppid, median %.0f ns/call bare, %.0f ns/call recording (socket+sendto attached): ratio %.2f (target <= 1.30); "
                        + "kernel floor, the same tracepoints enabled in tracefs without BPF: %.0f ns/call, ratio %.2f%n",
                calls, median(bare), median(with), median(with) / median(bare), median(floor), median(floor) / median(bare));
        out.flush();

        // (b) ungated flood: every close(-1) is a record that must reach case.db. Several floods
        // into one recording: the first meets a cold JIT, the later ones the recorder's steady state.
        Timed<List<JsonNode>> ungated = whileRecording(FLOOD_TASK, true, table, () -> {
            List<JsonNode> runs = new ArrayList<>();
            for (int i = 0; i < floods; i++) {
                runs.add(flood());
            }
            return runs;
        });
        long[] perFlood = counts(ungated.file, ungated.result.stream()
                .map(r -> "SELECT COUNT(*) FROM raw_events WHERE kind = 'syscall' AND syscall = 'close' AND pid = " + r.get("pid").asLong())
                .toList());
        List<String> rates = new ArrayList<>();
        double[] warm = new double[Math.max(0, floods - 1)];
        long stored = 0;
        for (int i = 0; i < floods; i++) {
            JsonNode r = ungated.result.get(i);
            long ofIt = perFlood[i];
            double perSec = ofIt / (r.get("elapsed_ns").asLong() / 1e9);
            stored += ofIt;
            rates.add(String.format("%,.0f", perSec));
            if (i > 0) {
                warm[i - 1] = perSec;
            }
        }
        out.printf("(b) ungated flood: %d x %,d close(-1) into one recording; close events of the floods in case.db: %,d; events/s per flood: %s (first: cold JIT)%s; %,d dropped (kernel) of %,d forwarded (target >= 1,000,000/s, no drops)%n",
                floods, flood, stored, String.join(", ", rates),
                warm.length > 0 ? String.format(", warm median %,.0f", median(warm)) : "",
                ungated.outcome.summary().kernel().dropped(), ungated.outcome.summary().kernel().forwarded());
        out.flush();

        // (c) the same flood, default gating, no elevated tripwire: nothing leaves the kernel
        double[] floodBare = new double[rounds];
        double[] floodGated = new double[rounds];
        long[] forwarded = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            floodBare[i] = nsPerCall(flood());
            Timed<Double> g = whileRecording(FLOOD_TASK, false, table, () -> nsPerCall(flood()));
            floodGated[i] = g.result;
            forwarded[i] = count(g.file, "SELECT COUNT(*) FROM raw_events WHERE kind = 'syscall' AND syscall = 'close'");
        }
        out.printf("(c) gated flood: median %.0f ns/call bare, %.0f ns/call recording (close in the capture set, not forwarded): ratio %.2f; close events stored: %s%n",
                median(floodBare), median(floodGated), median(floodGated) / median(floodBare), Arrays.toString(forwarded));
        out.flush();
        return 0;
    }

    /** Runs the workload while tracefs has sys_enter_/sys_exit_ events of these syscalls enabled. */
    private static <T> T withTracefsEvents(List<String> syscalls, Workload<T> workload) throws Exception {
        List<Path> enabled = new ArrayList<>();
        try {
            for (String name : syscalls) {
                for (String side : List.of("sys_enter_", "sys_exit_")) {
                    Path enable = Path.of("/sys/kernel/tracing/events/syscalls", side + name, "enable");
                    Files.writeString(enable, "1");
                    enabled.add(enable);
                }
            }
            return workload.run();
        } finally {
            for (Path enable : enabled) {
                Files.writeString(enable, "0");
            }
        }
    }

    /** What a workload gave while a recording ran, and the case it was recorded into. */
    record Timed<T>(T result, RunOutcome outcome, Path file) {
    }

    interface Workload<T> {
        T run() throws Exception;
    }

    private <T> Timed<T> whileRecording(String task, boolean ungated, SyscallTable table, Workload<T> workload) throws Exception {
        Config c = Settings.parseTask(task).resolve(table);
        LiveOptions o = new LiveOptions(c, c.watched(), ungated, LiveOptions.defaultBudgetEvents(c),
                LiveOptions.defaultBudgetTime(c), LiveOptions.DEFAULT_RING_BYTES, null);
        Path file = Files.createTempFile("syswire-bench", ".db");
        Files.delete(file);
        AtomicReference<Object> done = new AtomicReference<>();
        T result;
        try (LiveRecording recording = LiveRecording.start(CaseTarget.of(CaseFile.at(file), false), o, "bench", table, null,
                LiveEnvironment.local(), StopOn.NOTHING)) {
            Thread t = new Thread(() -> {
                try {
                    done.set(recording.run((p, m) -> { }));
                } catch (Throwable e) {
                    done.set(e);
                }
            });
            t.start();
            Thread.sleep(SETTLE_MILLIS); // measure the recorder running, not starting (JIT, first H2 writes)
            result = workload.run();
            Thread.sleep(200);
            recording.stop();
            t.join();
        }
        if (done.get() instanceof Throwable e) {
            throw new IllegalStateException("recording failed", e);
        }
        file.toFile().deleteOnExit();
        return new Timed<>(result, (RunOutcome) done.get(), file);
    }

    private static long count(Path file, String sql) throws Exception {
        return counts(file, List.of(sql))[0];
    }

    /** Runs counting queries on a bench case, then deletes it. */
    private static long[] counts(Path file, List<String> queries) throws Exception {
        long[] n = new long[queries.size()];
        try (CaseStore s = CaseFile.at(file).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE);
             var st = s.connection().createStatement()) {
            for (int i = 0; i < n.length; i++) {
                try (var rs = st.executeQuery(queries.get(i))) {
                    rs.next();
                    n[i] = rs.getLong(1);
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return n;
    }

    /** One flood: {@code flood} x close(-1), a syscall in the capture set. */
    private JsonNode flood() throws IOException, InterruptedException {
        return run("noise", "--syscall", "close", "-n", Long.toString(flood));
    }

    private JsonNode run(String scenario, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", Integer.toString(cpu), scenarios.resolve(scenario).toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(cmd + " failed: " + text);
        }
        return Json.TREE.readTree(text.lines().reduce((a, b) -> b).orElse("{}"));
    }

    private static double nsPerCall(JsonNode n) {
        return n.get("elapsed_ns").asDouble() / n.get("n").asDouble();
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Keeps the recorder's threads off the workload's CPU. */
    private static void pinRecorderAwayFrom(int cpu) throws IOException, InterruptedException {
        int cpus = Runtime.getRuntime().availableProcessors();
        StringBuilder others = new StringBuilder();
        for (int c = 0; c < cpus; c++) {
            if (c != cpu) {
                others.append(others.length() > 0 ? "," : "").append(c);
            }
        }
        if (others.length() > 0) {
            new ProcessBuilder("taskset", "-a", "-p", "-c", others.toString(), Long.toString(ProcessHandle.current().pid()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }
}
