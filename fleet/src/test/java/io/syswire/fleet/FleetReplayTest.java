package io.syswire.fleet;

import io.syswire.config.Settings;
import io.syswire.lake.LakeTable;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code syswire fleet replay} in Spark's local mode: for every host of a lake its replay with
 * {@code --maxtrace 20} equals {@code syswire replay --maxtrace 20} of that host's case,
 * table by table and row by row (three captured samples and a generated many-process log).
 */
class FleetReplayTest {
    @TempDir
    static Path dir;
    static Map<String, Path> cases;
    static SparkSession spark;
    static Path lake;
    static FleetReplay.Result result;

    @BeforeAll
    static void replayEveryHostBothWays() throws Exception {
        cases = Fleet.hosts(dir, 600);
        lake = dir.resolve("lake");
        double[] replays = Fleet.replayedAndExported(cases, lake);
        double events = replays[0];
        double seconds = replays[1];
        spark = Fleet.spark();
        result = FleetReplay.run(spark, lake, Settings.none().with(io.syswire.config.Setting.MAXTRACE, "20"), dir.resolve("out"));
        // the benchmark's short version (FleetBenchmarkTest is the long one): a figure, never asserted
        double fleetRate = result.events() / (result.elapsedNanos() / 1e9);
        System.out.printf(java.util.Locale.ROOT, "fleet benchmark (short): %d hosts, %.0f events; syswire replay %.0f events/s,"
                + " fleet replay on %s %.0f events/s; fleet/replay = %.2f%n", cases.size(), events, events / seconds,
                spark.sparkContext().master(), fleetRate, fleetRate / (events / seconds));
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void everyHostsReplayEqualsSyswireReplayOfItsCase() {
        assertEquals(List.of("build-7", "db-1", "edge-9", "web-1"), result.replays().stream().map(ReplayOutcome::host).toList());
        for (ReplayOutcome o : result.replays()) {
            assertEquals(1, o.parentRunId(), "the import is replayed, not syswire's replay of it");
            assertEquals(3, o.runId(), "numbered after the host's runs, as the case would number it");
            Fleet.assertSameReplay(spark, lake, dir.resolve("out"), o.host());
        }
        assertTrue(result.skipped().isEmpty(), result.skipped().toString());
    }

    @Test
    void theManyProcessHostHasEnoughToCompare() {
        ReplayOutcome many = result.replays().stream().filter(o -> o.host().equals("edge-9")).findFirst().orElseThrow();
        assertTrue(many.rawEvents() > 4000, "raw events: " + many.rawEvents());
        assertTrue(many.traces() >= 80, "traces: " + many.traces());
        List<List<Object>> reasons = Fleet.rows(spark, dir.resolve("out"), LakeTable.TRACES, "edge-9", 3);
        int endReason = LakeTable.TRACES.indexOf("end_reason");
        assertTrue(reasons.stream().map(r -> r.get(endReason)).distinct().count() >= 2,
                "traces end in more than one way: " + reasons.stream().map(r -> r.get(endReason)).distinct().toList());
        assertFalse(Fleet.rows(spark, dir.resolve("out"), LakeTable.TRANSITIONS, "edge-9", 3).isEmpty());
    }

    @Test
    void theReplayPointsAtItsParentWithTheOverriddenConfiguration() {
        List<List<Object>> runs = Fleet.rows(spark, dir.resolve("out"), LakeTable.RUNS, "web-1", 3);
        assertEquals(1, runs.size());
        List<Object> r = runs.get(0);
        assertEquals("replay", r.get(LakeTable.RUNS.indexOf("kind")));
        assertEquals(1, r.get(LakeTable.RUNS.indexOf("parent_run_id")));
        assertTrue(((String) r.get(LakeTable.RUNS.indexOf("task"))).contains("maxtrace:20"), r.toString());
        assertEquals("complete", r.get(LakeTable.RUNS.indexOf("status")));
    }

    @Test
    void aSecondReplayIntoTheSameOutputIsRefusedAndBadInputIsOneLine() throws Exception {
        for (String[] args : List.of(
                new String[] {"replay", lake.toString(), "-o", dir.resolve("out").toString(), "--maxtrace", "20", "--master", "local[1]"},
                new String[] {"replay", dir.resolve("nowhere").toString(), "-o", dir.resolve("o2").toString(), "--master", "local[1]"},
                new String[] {"replay", lake.toString(), "-o", dir.resolve("o3").toString(), "--maxtrace", "lots", "--master", "local[1]"},
                new String[] {"replay", lake.toString(), "--master", "local[1]"})) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = FleetMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(2, status, String.join(" ", args) + ": " + err);
            assertEquals(1, err.toString().lines().count(), err.toString());
            assertFalse(err.toString().contains("Exception"), err.toString());
        }
        assertFalse(Files.exists(dir.resolve("o2")));
        assertFalse(Files.exists(dir.resolve("o3")));
    }

    @Test
    void aLakeFileThatIsNotParquetIsOneLineAndWritesNothing() throws Exception {
        Path bad = dir.resolve("badlake");
        try (var files = Files.walk(lake)) {
            for (Path p : files.toList()) {
                Path to = bad.resolve(lake.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Path part;
        try (var files = Files.walk(bad.resolve("raw_events"))) {
            part = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Files.writeString(part, "not parquet\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = FleetMain.run(new String[] {"replay", bad.toString(), "-o", dir.resolve("o4").toString(), "--master", "local[1]"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(2, status, err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("syswire: the lake holds a file that cannot be read"), err.toString());
        assertFalse(Files.exists(dir.resolve("o4")));
    }

    @Test
    void aLakeRowSyswireNeverWritesIsOneLineAndLeavesNoOutput() throws Exception {
        Path bad = dir.resolve("oddlake");
        Path raw = lake.resolve("raw_events");
        // Parquet that Spark reads fine, holding an event kind syswire never writes
        spark.read().option("basePath", raw.toString()).parquet(raw.toString())
                .withColumn("kind", org.apache.spark.sql.functions.lit("evil"))
                .write().partitionBy("host", "run_id").parquet(bad.resolve("raw_events").toString());
        spark.read().option("basePath", lake.resolve("runs").toString()).parquet(lake.resolve("runs").toString())
                .write().partitionBy("host", "run_id").parquet(bad.resolve("runs").toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = FleetMain.run(new String[] {"replay", bad.toString(), "-o", dir.resolve("o5").toString(), "--master", "local[1]"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(2, status, err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("is not what syswire's export writes: unknown kind 'evil'"), err.toString());
        assertFalse(Files.exists(dir.resolve("o5")), "no half-written output");
    }
}
