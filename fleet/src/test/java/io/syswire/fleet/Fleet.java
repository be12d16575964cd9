package io.syswire.fleet;

import io.syswire.lake.LakeColumn;
import io.syswire.lake.LakeTable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The fleet tests' hosts: cases made, replayed and exported by the real syswire command line
 * (on its own Java image, as users run it), and lakes read back with Spark.
 */
final class Fleet {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String TASK = "syswire|capabilities:cap_net_raw+cap_sys_ptrace+cap_sys_admin;tripwires:socket+ptrace+capset;"
            + "context:sendto+close+wait4+kill+execve+openat;maxtrace:3";
    static final String MANY_TASK = "syswire|capabilities:cap_net_raw;tripwires:socket;context:sendto+close;maxtrace:2;maxage:2;evictrate:1";

    private Fleet() {
    }

    /** {@code syswire ARGS...}; fails the test unless it exits 0. */
    static String syswire(String... args) {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("runtime/target/jre/bin/java").toString(), "-jar",
                ROOT.resolve("query-shell/target/syswire.jar").toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("syswire " + String.join(" ", args) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Three captured samples and a generated many-process log, each its own host and case; host -> case. */
    static Map<String, Path> hosts(Path dir, int manyProcesses) throws IOException {
        return hosts(dir, manyProcesses, "web-1", "db-1", "build-7", "edge-9");
    }

    /** Some of those hosts: web-1 raw-ping, db-1 fork-exec, build-7 threads, edge-9 generated. */
    static Map<String, Path> hosts(Path dir, int manyProcesses, String... names) throws IOException {
        Map<String, Path> cases = new TreeMap<>();
        for (String h : names) {
            cases.put(h, switch (h) {
                case "web-1" -> imported(dir, h, ROOT.resolve("samples/captured/raw-ping.jsonl"), TASK);
                case "db-1" -> imported(dir, h, ROOT.resolve("samples/captured/fork-exec.jsonl"), TASK);
                case "build-7" -> imported(dir, h, ROOT.resolve("samples/captured/threads.jsonl"), TASK);
                case "edge-9" -> imported(dir, h, manyProcessLog(dir.resolve("many.jsonl"), manyProcesses), MANY_TASK);
                default -> throw new IllegalArgumentException(h);
            });
        }
        return cases;
    }

    private static final Pattern TIMING = Pattern.compile("(\\d+) events, .* (\\d+\\.\\d+) s");

    /** {@code syswire replay CASE ARGS}: the events it replayed and its own time in seconds (from its summary line). */
    static double[] replay(Path db, String... args) {
        List<String> a = new ArrayList<>(List.of("replay", db.toString()));
        a.addAll(List.of(args));
        Matcher m = TIMING.matcher(syswire(a.toArray(new String[0])));
        if (!m.find()) {
            throw new AssertionError("no timing in syswire replay's output");
        }
        return new double[] {Long.parseLong(m.group(1)), Double.parseDouble(m.group(2))};
    }

    static Path imported(Path dir, String host, Path log, String task) {
        Path db = dir.resolve(host + ".db");
        syswire("import", log.toString(), "--out", db.toString(), "--host", host, "--task", task, "-q");
        return db;
    }

    /** Every case's runs into one lake. */
    static Path lake(Path dir, String name, Map<String, Path> cases, String... exportArgs) {
        Path lake = dir.resolve(name);
        for (Path db : cases.values()) {
            List<String> a = new ArrayList<>(List.of("export", db.toString(), "--format", "parquet", "-o", lake.toString()));
            a.addAll(List.of(exportArgs));
            syswire(a.toArray(new String[0]));
        }
        return lake;
    }

    /**
     * Processes that come and go: elevated ones trace (some cut short by maxtrace, some by age),
     * some only permitted (Dormant), most benign, pids reused, forks, exits and ticks; in time order.
     */
    static Path manyProcessLog(Path file, int processes) throws IOException {
        long t = 1_795_000_000_000_000_000L;
        try (Writer w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < processes; i++) {
                int pid = 20_000 + (i % (processes / 3 + 1)); // reused every third of the way
                long start = t;
                String caps = i % 7 == 0 ? "0000000000002000" : "0000000000000000";
                String permitted = i % 7 == 0 || i % 5 == 0 ? "0000000000002000" : "0000000000000000";
                w.write(line(t, "\"kind\":\"fork\",\"pid\":1,\"child_pid\":" + pid + ",\"child_start_time\":\"" + ts(start) + "\""));
                w.write(line(t += 1000, "\"kind\":\"process\",\"pid\":" + pid + ",\"start_time\":\"" + ts(start)
                        + "\",\"ppid\":1,\"name\":\"worker-" + i % 13 + "\",\"exe\":\"/usr/bin/worker\",\"cmd\":\"worker -n " + i + "\""));
                int calls = 2 + i % 6;
                for (int c = 0; c < calls; c++) {
                    String sc = c == 0 ? "socket" : c == calls - 1 ? "close" : "sendto";
                    String args = c == 0 ? "{\"family\":2,\"type\":3,\"protocol\":1}" : "{\"fd\":3,\"len\":" + (64 + c) + "}";
                    w.write(line(t += 250_000 + (i % 3) * 400_000_000L, "\"kind\":\"syscall\",\"pid\":" + pid + ",\"tid\":" + pid
                            + ",\"start_time\":\"" + ts(start) + "\",\"comm\":\"worker\",\"uid\":0,\"gid\":0,\"cap_effective\":\"" + caps
                            + "\",\"cap_permitted\":\"" + permitted + "\",\"syscall\":\"" + sc + "\",\"args\":" + args + ",\"ret\":" + (c == 0 ? 3 : 0)));
                }
                if (i % 4 != 3) {
                    w.write(line(t += 1000, "\"kind\":\"exit\",\"pid\":" + pid + ",\"start_time\":\"" + ts(start) + "\",\"code\":0"));
                }
                if (i % 10 == 0) {
                    w.write(line(t += 1_000_000_000L, "\"kind\":\"tick\""));
                }
            }
        }
        return file;
    }

    private static String line(long ts, String fields) {
        return "{\"ts\":\"" + ts(ts) + "\"," + fields + "}\n";
    }

    private static String ts(long nanos) {
        return io.syswire.time.Rfc3339.format(nanos);
    }

    /** A session for the tests: local, small, quiet. */
    static SparkSession spark() {
        return FleetReplay.session("local[2]");
    }

    /**
     * A table's rows for one host and run, every column but the partition's, in the case's
     * order: what a reader of the lake sees.
     */
    static List<List<Object>> rows(SparkSession spark, Path lake, LakeTable t, String host, int run, String... leaveOut) {
        Path dir = lake.resolve(t.dir());
        List<Column> cols = new ArrayList<>();
        for (LakeColumn c : t.columns()) {
            if (!List.of(leaveOut).contains(c.name())) {
                cols.add(col(c.name()));
            }
        }
        List<Column> order = new ArrayList<>();
        for (String k : t.orderBy().split(",")) {
            order.add(col(k.strip()));
        }
        List<List<Object>> out = new ArrayList<>();
        for (Row r : spark.read().option("basePath", dir.toString()).parquet(dir.toString())
                .where(col("host").equalTo(host).and(col("run_id").equalTo(String.valueOf(run))))
                .orderBy(order.toArray(new Column[0])).select(cols.toArray(new Column[0])).collectAsList()) {
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                row.add(r.get(i));
            }
            out.add(row);
        }
        return out;
    }

    /**
     * The lake has each host's import (run 1) and {@code syswire replay --maxtrace 20} of it (run 2);
     * the fleet replayed run 1 as run 3 into {@code fleetLake}: the two replays must agree.
     */
    static void assertSameReplay(SparkSession spark, Path caseLake, Path fleetLake, String host) {
        for (LakeTable t : List.of(LakeTable.TRACES, LakeTable.TRACE_EVENTS, LakeTable.TRANSITIONS)) {
            List<List<Object>> expected = rows(spark, caseLake, t, host, 2);
            assertEquals(expected, rows(spark, fleetLake, t, host, 3),
                    t.dir() + " of " + host + "'s replay: fleet replay and syswire replay agree");
        }
        // the runs row: the same replay of the same parent with the same configuration and counts
        String[] notCompared = {"source", "started_at", "ended_at", "syswire_version"};
        assertEquals(rows(spark, caseLake, LakeTable.RUNS, host, 2, notCompared),
                rows(spark, fleetLake, LakeTable.RUNS, host, 3, notCompared), "runs row of " + host + "'s replay");
    }

    /** Each case imported, replayed with --maxtrace 20 by syswire, and both runs exported into one lake; total events and seconds of those replays. */
    static double[] replayedAndExported(Map<String, Path> cases, Path lake) {
        double[] total = {0, 0};
        for (Path db : cases.values()) {
            double[] r = replay(db, "--maxtrace", "20");
            total[0] += r[0];
            total[1] += r[1];
            syswire("export", db.toString(), "--format", "parquet", "-o", lake.toString());
        }
        return total;
    }

    static String describe(List<List<Object>> rows) {
        StringBuilder b = new StringBuilder();
        rows.forEach(r -> b.append(r.toString().toLowerCase(Locale.ROOT)).append('\n'));
        return b.toString();
    }
}
