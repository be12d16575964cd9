package io.syswire.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.syswire.cli.VersionProvider;
import io.syswire.config.Config;
import io.syswire.config.Settings;
import io.syswire.kernel.SyscallTable;
import io.syswire.live.LiveEnvironment;
import io.syswire.live.LiveOptions;
import io.syswire.ops.CaseTarget;
import io.syswire.ops.LiveRecording;
import io.syswire.ops.RunOutcome;
import io.syswire.ops.StopOn;
import io.syswire.ops.Verifier;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hours, not seconds: one live recording under process churn (hundreds of thousands of
 * short-lived processes that fork, exec and exit, every K-th tripping the wire with a raw
 * ping) for N minutes, printing a curve of the recorder's RSS, heap, catalog sizes, drops and
 * how far its sweeps trail the wall clock; at the end the case is verified and opened.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Soak benchmark (root): a live recording under process churn for --minutes (default 30),",
                "printing the recorder's memory, catalog sizes, drops and sweep lag as it goes;",
                "then the case is verified and reopened. Workload: samples/scenarios churn (and raw-ping)."})
public final class SoakBench implements Callable<Integer> {
    static final String TASK = "syswire|capabilities:cap_net_raw;tripwires:socket;context:sendto+close;maxtrace:3;maxage:5;evictrate:1";

    @Option(names = "--minutes", defaultValue = "30", description = "how long the recording runs (default: ${DEFAULT-VALUE})")
    int minutes;

    @Option(names = "--rate", defaultValue = "200", description = "short-lived processes started per second (default: ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--trip-every", defaultValue = "20", description = "every K-th process trips the wire (raw-ping -n 3) (default: ${DEFAULT-VALUE})")
    int tripEvery;

    @Option(names = "--sample", defaultValue = "60", description = "seconds between two points of the curve (default: ${DEFAULT-VALUE})")
    int sampleSeconds;

    @Option(names = "--scenarios", defaultValue = "samples/scenarios/build", description = "the built scenario programs (default: ${DEFAULT-VALUE})")
    Path scenarios;

    @Option(names = "--keep", paramLabel = "CASE", description = "keep the case here instead of deleting it")
    Path keep;

    @Spec
    CommandSpec spec;

    /** What the run measured, for the CI test. */
    record Result(long spawned, long tripped, long traces, long dropped, long lost, long events, int catalogAtEnd,
                  long maxRssKiB, boolean verified, Path file) {
    }

    @Override
    public Integer call() throws Exception {
        if (minutes < 1 || rate < 1 || tripEvery < 1 || sampleSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--minutes, --rate, --trip-every and --sample must be at least 1");
        }
        Result r = soak(spec.commandLine().getOut());
        return r.verified() ? 0 : 1;
    }

    Result soak(PrintWriter out) throws Exception {
        SyscallTable table = SyscallTable.x86_64();
        Config c = Settings.parseTask(TASK).resolve(table);
        LiveOptions o = new LiveOptions(c, c.watched(), false, LiveOptions.defaultBudgetEvents(c),
                LiveOptions.defaultBudgetTime(c), LiveOptions.DEFAULT_RING_BYTES, null);
        Path file = keep != null ? keep : Files.createTempFile("syswire-soak", ".db");
        if (keep == null) {
            Files.delete(file);
        }
        out.printf("syswire soak: %d min, %d processes/s, every %d-th trips the wire; %s%n", minutes, rate, tripEvery, TASK);
        out.printf("%6s %9s %9s %8s %8s %10s %8s %8s %7s %7s %9s%n", "min", "records", "rss MiB", "heap MiB",
                "catalog", "procfs", "events", "traces", "lost", "lag ms", "case MiB");
        out.flush();
        AtomicReference<LiveRecording.Health> health = new AtomicReference<>();
        AtomicReference<Object> done = new AtomicReference<>();
        long maxRss = 0;
        JsonNode churn;
        RunOutcome outcome;
        try (LiveRecording recording = LiveRecording.start(CaseTarget.of(CaseFile.at(file), false), o, "soak", table, null,
                LiveEnvironment.local(), StopOn.NOTHING)) {
            Thread t = new Thread(() -> {
                try {
                    done.set(recording.runWatched(health::set));
                } catch (Throwable e) {
                    done.set(e);
                }
            }, "soak-recording");
            t.start();
            Process load = new ProcessBuilder(scenarios.resolve("churn").toString(), "-r", Integer.toString(rate),
                    "-t", Integer.toString(minutes * 60), "-k", Integer.toString(tripEvery))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            // a bench stopped early (Ctrl-C) takes its workload with it
            Thread reaper = new Thread(load::destroy);
            Runtime.getRuntime().addShutdownHook(reaper);
            long start = System.nanoTime();
            long samples = 0;
            while (load.isAlive() || samples == 0) {
                long next = start + (samples + 1) * sampleSeconds * 1_000_000_000L;
                while (load.isAlive() && System.nanoTime() < next) {
                    Thread.sleep(200);
                }
                samples++;
                maxRss = Math.max(maxRss, point(out, health.get(), (System.nanoTime() - start) / 60e9, file));
            }
            Runtime.getRuntime().removeShutdownHook(reaper);
            churn = Json.TREE.readTree(new String(load.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            Thread.sleep(7_000); // past maxage + evictrate: the churn's last processes age off and leave the catalog
            maxRss = Math.max(maxRss, point(out, health.get(), (System.nanoTime() - start) / 60e9, file));
            recording.stop();
            t.join();
        }
        if (done.get() instanceof Throwable e) {
            throw new IllegalStateException("recording failed", e);
        }
        outcome = (RunOutcome) done.get();
        var k = outcome.summary().kernel();
        int catalogAtEnd = health.get().catalogProcesses();
        out.printf("churn: %,d processes started (%,d tripped the wire, %d failed) in %.1f min; recording: %s%n",
                churn.get("spawned").asLong(), churn.get("tripped").asLong(), churn.get("failed").asLong(),
                churn.get("elapsed_ns").asLong() / 60e9, outcome.describe());
        out.printf("kernel: %,d captured syscalls seen, %,d records forwarded, %,d dropped; peak recorder RSS %.0f MiB%n",
                k.seen(), k.forwarded(), k.dropped(), maxRss / 1024.0);
        long t0 = System.nanoTime();
        boolean intact;
        try (CaseStore s = CaseFile.at(file).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE)) {
            double openMs = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            List<Verifier.Verdict> verdicts = Verifier.verify(s, null, table);
            intact = verdicts.stream().allMatch(Verifier.Verdict::intact);
            out.printf("case: %.1f MiB, opened in %.0f ms, verified in %.1f s: %s%n", Files.size(file) / 1048576.0, openMs,
                    (System.nanoTime() - t1) / 1e9, verdicts.get(0).line());
        }
        out.flush();
        Result r = new Result(churn.get("spawned").asLong(), churn.get("tripped").asLong(), outcome.summary().machine().traces(),
                k.dropped(), outcome.summary().machine().lostEvents(), outcome.summary().rawEvents(), catalogAtEnd, maxRss, intact, file);
        if (keep == null) {
            Files.deleteIfExists(file);
        }
        return r;
    }

    /** Prints one point of the curve; returns the RSS in KiB. */
    private static long point(PrintWriter out, LiveRecording.Health h, double minutes, Path file) throws IOException {
        long rss = rssKiB();
        Runtime rt = Runtime.getRuntime();
        double heap = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
        double caseMiB = Files.exists(file) ? Files.size(file) / 1048576.0 : 0;
        if (h == null) {
            out.printf(Locale.ROOT, "%6.1f %9s %9.0f %8.0f%n", minutes, "-", rss / 1024.0, heap);
        } else {
            out.printf(Locale.ROOT, "%6.1f %,9d %9.0f %8.0f %8d %10d %,8d %8d %7d %7.0f %9.1f%n", minutes,
                    h.progress().records(), rss / 1024.0, heap, h.catalogProcesses(), h.procfsProcesses(),
                    h.stats().events(), h.stats().traces(), h.progress().lost(), h.lagNanos() / 1e6, caseMiB);
        }
        out.flush();
        return rss;
    }

    private static long rssKiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).replace("kB", "").trim());
            }
        }
        return 0;
    }
}
