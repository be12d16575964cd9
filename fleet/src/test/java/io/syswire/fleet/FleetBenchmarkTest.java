package io.syswire.fleet;

import io.syswire.config.Setting;
import io.syswire.config.Settings;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Benchmark, not a test of speed: prints fleet-replay events/s (Spark local[*]) against
 * {@code syswire replay} on the same hosts' data, as a ratio measured in one run. Runs only when
 * asked ({@code -Dsyswire.bench=true}, with {@code -Dsyswire.bench.processes=N} per host and
 * {@code -Dsyswire.bench.hosts=H}); CI prints the short version from FleetReplayTest.
 * Times are each replay's own (the JVM's and Spark's start-up left out).
 */
class FleetBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    @EnabledIfSystemProperty(named = "syswire.bench", matches = "true")
    void fleetReplayAgainstSyswireReplay() throws Exception {
        int processes = Integer.getInteger("syswire.bench.processes", 3000);
        int hosts = Integer.getInteger("syswire.bench.hosts", 3);
        Map<String, Path> cases = new LinkedHashMap<>();
        for (int h = 1; h <= hosts; h++) {
            String host = "bench-" + h;
            cases.put(host, Fleet.imported(dir, host, Fleet.manyProcessLog(dir.resolve(host + ".jsonl"), processes), Fleet.MANY_TASK));
        }
        Path lake = Fleet.lake(dir, "lake", cases, "--what", "runs");
        Fleet.lake(dir, "lake", cases, "--what", "raw_events");

        long replayEvents = 0;
        double replaySeconds = 0;
        for (Path db : cases.values()) {
            double[] r = Fleet.replay(db, "--maxtrace", "20");
            replayEvents += (long) r[0];
            replaySeconds += r[1];
        }

        SparkSession spark = FleetReplay.session("local[*]");
        try {
            FleetReplay.Result r = FleetReplay.run(spark, lake, Settings.none().with(Setting.MAXTRACE, "20"), dir.resolve("out"));
            assertEquals(replayEvents, r.events(), "both replayed the same events");
            double fleetSeconds = r.elapsedNanos() / 1e9;
            double replayRate = replayEvents / replaySeconds;
            double fleetRate = r.events() / fleetSeconds;
            System.out.printf(Locale.ROOT, "fleet benchmark: %d hosts, %d events; syswire replay %.0f events/s (%.2f s, one host after"
                            + " another), fleet replay on %s %.0f events/s (%.2f s); fleet/replay = %.2f%n", hosts, replayEvents,
                    replayRate, replaySeconds, spark.sparkContext().master(), fleetRate, fleetSeconds, fleetRate / replayRate);
        } finally {
            spark.stop();
        }
    }
}
