package io.syswire.fleet;

import io.syswire.BadInputException;
import io.syswire.Version;
import io.syswire.config.Config;
import io.syswire.config.ConfigJson;
import io.syswire.config.Settings;
import io.syswire.kernel.SyscallTable;
import io.syswire.lake.LakeColumn;
import io.syswire.lake.LakePartition;
import io.syswire.lake.LakeTable;
import io.syswire.lake.ParquetTableWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * {@code syswire fleet replay}: every evidence run in a lake (its raw events, grouped by host
 * and run, in seq order) replayed by syswire's own state machine on Spark, with the run's
 * configuration plus the overrides; traces, trace events and transitions go to the output lake
 * in the same layout, with a runs row per replay pointing at its parent. Each replay is numbered
 * after the highest run id its host has in the input lake, in the order of the parents.
 */
public final class FleetReplay {
    private FleetReplay() {
    }

    /** What the job did, per replay in order, and how long it took. */
    public record Result(List<ReplayOutcome> replays, List<String> skipped, long elapsedNanos) {
        public long events() {
            return replays.stream().mapToLong(ReplayOutcome::rawEvents).sum();
        }
    }

    /** A session for the job: local[*] unless a master is given (or spark-submit set one). */
    public static SparkSession session(String master) {
        SparkSession.Builder b = SparkSession.builder().appName("syswire fleet replay")
                .config("spark.ui.enabled", "false")
                // The lake's timestamps are nanoseconds (TIMESTAMP(NANOS)); Spark's own type is
                // microseconds: read them as the long they are, so no nanosecond is lost.
                .config("spark.sql.legacy.parquet.nanosAsLong", "true")
                // host=10.0.0.1 or host=2024 is a name, not a number
                .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
        if (master != null) {
            b.master(master);
            if (!master.startsWith("local")) {
                String jar = jobJar();
                if (jar != null) {
                    b.config("spark.jars", jar);
                }
            }
        } else if (System.getProperty("spark.master") == null) {
            b.master("local[*]");
        }
        if (master != null ? master.startsWith("local") : System.getProperty("spark.master", "local").startsWith("local")) {
            // a local job listens on loopback only
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        return b.getOrCreate();
    }

    /** The jar this class came from, which executors on a cluster need; null when run from classes. */
    static String jobJar() {
        var src = FleetReplay.class.getProtectionDomain().getCodeSource();
        if (src == null) {
            return null;
        }
        String p = src.getLocation().getPath();
        return p.endsWith(".jar") ? p : System.getProperty("syswire.fleet.jar");
    }

    public static Result run(SparkSession spark, Path lake, Settings overrides, Path out) throws IOException {
        long t0 = System.nanoTime();
        SyscallTable table = SyscallTable.x86_64();
        Path runsDir = lake.resolve(LakeTable.RUNS.dir());
        Path rawDir = lake.resolve(LakeTable.RAW_EVENTS.dir());
        if (!Files.isDirectory(runsDir) || !Files.isDirectory(rawDir)) {
            throw new BadInputException(lake + " is not a syswire lake (it needs runs/ and raw_events/: syswire export CASE --format parquet -o "
                    + lake + ")");
        }
        List<ReplayPlan> plans = plan(spark, runsDir, overrides, table);
        for (ReplayPlan p : plans) {
            for (LakeTable t : List.of(LakeTable.RUNS, LakeTable.TRACES, LakeTable.TRACE_EVENTS, LakeTable.TRANSITIONS)) {
                Path target = LakePartition.of(t, p.host(), p.runId()).under(out);
                if (Files.exists(target)) {
                    throw new BadInputException(target + " already exists: the replay of run " + p.parentRunId() + " of host "
                            + p.host() + " would overwrite it; give another -o");
                }
            }
        }
        Map<String, ReplayPlan> byParent = new HashMap<>();
        plans.forEach(p -> byParent.put(p.parentKey(), p));

        List<Column> cols = new ArrayList<>();
        for (LakeColumn c : LakeTable.RAW_EVENTS.columns()) {
            cols.add(col(c.name()));
        }
        cols.add(col("host"));
        cols.add(col("run_id"));
        Dataset<Row> raw = spark.read().option("basePath", rawDir.toString()).parquet(rawDir.toString())
                .select(cols.toArray(new Column[0]));
        int partitions = Math.max(1, Math.min(plans.size(), 4 * spark.sparkContext().defaultParallelism()));
        boolean created = !Files.exists(out);
        Map<String, ReplayOutcome> done = new LinkedHashMap<>();
        List<ReplayOutcome> outcomes;
        try {
            outcomes = new ArrayList<>(raw.repartition(partitions, col("host"), col("run_id"))
                    .sortWithinPartitions(col("host"), col("run_id").cast("int"), col("seq"))
                    .mapPartitions(new GroupReplay(byParent, out.toAbsolutePath().toString()), Encoders.javaSerialization(ReplayOutcome.class))
                    .collectAsList());
            outcomes.sort(Comparator.comparing(ReplayOutcome::host).thenComparingInt(ReplayOutcome::parentRunId));
            for (ReplayOutcome o : outcomes) {
                done.put(ReplayPlan.key(o.host(), o.parentRunId()), o);
                writeRun(out, byParent.get(ReplayPlan.key(o.host(), o.parentRunId())), o, table);
            }
        } catch (Exception e) { // SparkException too, which Scala throws undeclared
            if (created) {
                deleteTree(out); // a failed replay leaves no half-written output behind
            }
            throw e;
        }
        List<String> skipped = plans.stream().filter(p -> !done.containsKey(p.parentKey()))
                .map(p -> "run " + p.parentRunId() + " of host " + p.host() + " has no raw events in the lake").toList();
        return new Result(outcomes, skipped, System.nanoTime() - t0);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    /** Every evidence run of the lake, with its configuration plus the overrides, checked here before any task runs. */
    static List<ReplayPlan> plan(SparkSession spark, Path runsDir, Settings overrides, SyscallTable table) {
        List<Row> runs = spark.read().option("basePath", runsDir.toString()).parquet(runsDir.toString())
                .select(col("host"), col("run_id").cast("int"), col("kind"), col("config")).collectAsList();
        Map<String, Integer> maxRun = new HashMap<>();
        List<Row> evidence = new ArrayList<>();
        for (Row r : runs) {
            maxRun.merge(r.getString(0), r.getInt(1), Math::max);
            if (!"replay".equals(r.getString(2))) {
                evidence.add(r);
            }
        }
        evidence.sort(Comparator.comparing((Row r) -> r.getString(0)).thenComparingInt(r -> r.getInt(1)));
        List<ReplayPlan> plans = new ArrayList<>();
        Map<String, Integer> next = new HashMap<>();
        for (Row r : evidence) {
            String host = r.getString(0);
            int parent = r.getInt(1);
            Settings base = r.isNullAt(3) ? Settings.none() : ConfigJson.settings(r.getString(3));
            Config config;
            try {
                config = base.overriddenBy(overrides).resolve(table);
            } catch (BadInputException e) {
                throw new BadInputException("run " + parent + " of host " + host + ": " + e.getMessage());
            }
            int id = next.merge(host, maxRun.get(host) + 1, (a, b) -> a + 1);
            plans.add(new ReplayPlan(host, parent, id, ConfigJson.of(config, table)));
        }
        if (plans.isEmpty()) {
            throw new BadInputException(runsDir.getParent() + " holds no live or import runs to replay");
        }
        return plans;
    }

    /** The replay's runs row, as a case stores a replay's (kind replay, its parent, its counts). */
    private static void writeRun(Path out, ReplayPlan p, ReplayOutcome o, SyscallTable table) throws IOException {
        Config config = ConfigJson.settings(p.configJson()).resolve(table);
        LakeTable t = LakeTable.RUNS;
        Object[] row = new Object[t.columns().size()];
        row[t.indexOf("kind")] = "replay";
        row[t.indexOf("parent_run_id")] = p.parentRunId();
        row[t.indexOf("config")] = p.configJson();
        row[t.indexOf("task")] = config.toTaskString(table);
        row[t.indexOf("source")] = "fleet replay of raw events of run " + p.parentRunId();
        row[t.indexOf("status")] = "complete";
        row[t.indexOf("started_at")] = o.startedAt();
        row[t.indexOf("ended_at")] = o.endedAt();
        row[t.indexOf("first_event_ts")] = o.rawEvents() == 0 ? null : o.firstTs();
        row[t.indexOf("last_event_ts")] = o.rawEvents() == 0 ? null : o.lastTs();
        row[t.indexOf("raw_events")] = o.rawEvents();
        row[t.indexOf("lost_events")] = o.lostEvents();
        row[t.indexOf("traces")] = o.traces();
        row[t.indexOf("transitions")] = o.transitions();
        row[t.indexOf("incomplete_traces")] = o.incompleteTraces();
        row[t.indexOf("syswire_version")] = Version.current();
        row[t.indexOf("machine_rules")] = io.syswire.machine.StateMachine.RULES;
        Path dir = LakePartition.of(t, p.host(), p.runId()).under(out);
        Files.createDirectories(dir);
        try (ParquetTableWriter w = new ParquetTableWriter(new LocalOutputFile(dir.resolve(LakePartition.FILE)), t)) {
            w.write(row);
        }
    }
}
