package io.syswire.cli;

import io.syswire.lake.LakeColumn;
import io.syswire.lake.LakeTable;
import io.syswire.store.CaseFile;
import io.syswire.store.CaseStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code export --format parquet}: three hosts' cases become one lake, read back by an
 * independent reader (DuckDB's JDBC driver), every column of every table and run compared
 * with the case itself.
 */
class ParquetLakeTest {
    static final String TASK = "syswire|capabilities:cap_net_raw+cap_sys_ptrace+cap_sys_admin;tripwires:socket+ptrace+capset;"
            + "context:sendto+close+wait4+kill+execve+openat;maxtrace:3";

    @TempDir
    static Path dir;
    static Path lake;
    static final Map<String, String> CASES = new TreeMap<>();

    @BeforeAll
    static void threeHostsExportIntoOneLake() {
        lake = dir.resolve("lake");
        CASES.put("web-1", importCase("web-1", "../samples/captured/raw-ping.jsonl"));
        CASES.put("db-1", importCase("db-1", "../samples/captured/fork-exec.jsonl"));
        CASES.put("build-7", importCase("build-7", "../samples/captured/threads.jsonl"));
        // a replay on one host: a run without raw events of its own, with its parent and host
        assertEquals(0, Cli.run("replay", CASES.get("web-1"), "--maxtrace", "10").status());
        for (String db : CASES.values()) {
            Cli r = Cli.run("export", db, "--format", "parquet", "-o", lake.toString());
            assertEquals(0, r.status(), r.err());
        }
    }

    private static String importCase(String host, String log) {
        String db = dir.resolve(host + ".db").toString();
        Cli r = Cli.run("import", log, "--out", db, "--host", host, "--task", TASK);
        assertEquals(0, r.status(), r.err());
        return db;
    }

    @Test
    void everyTableOfEveryRunIsAHivePartitionByHostAndRun() throws IOException {
        for (LakeTable t : LakeTable.values()) {
            assertTrue(Files.isRegularFile(lake.resolve(t.dir() + "/host=db-1/run_id=1/part-00000.parquet")), t.dir());
        }
        assertTrue(Files.isRegularFile(lake.resolve("traces/host=web-1/run_id=2/part-00000.parquet")), "the replay");
        assertFalse(Files.exists(lake.resolve("raw_events/host=web-1/run_id=2")), "a replay's raw events are its parent's");
        try (Stream<Path> s = Files.list(lake)) {
            assertEquals(List.of("images", "processes", "raw_events", "runs", "trace_events", "traces", "transitions"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "no staging directory is left behind");
        }
    }

    @Test
    void duckDbReadsBackEveryColumnAsTheCaseHoldsIt() throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            for (var c : CASES.entrySet()) {
                try (CaseStore store = CaseFile.at(c.getValue()).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE)) {
                    Connection h2 = store.connection();
                    for (int run : runIds(h2)) {
                        for (LakeTable t : LakeTable.values()) {
                            List<List<Object>> inCase = caseRows(h2, t, run);
                            List<List<Object>> inLake = lakeRows(duck, t, c.getKey(), run);
                            assertEquals(inCase, inLake, t.dir() + " of run " + run + " on " + c.getKey());
                            if (t != LakeTable.RAW_EVENTS || run == 1) {
                                assertFalse(inCase.isEmpty(), t.dir() + " of run " + run + " has rows to compare");
                            }
                        }
                    }
                }
            }
            try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT host, run_id, kind, parent_run_id, config->>'$.maxtrace' FROM read_parquet('" + lake
                            + "/runs/*/*/*.parquet', hive_partitioning = true) ORDER BY host, run_id")) {
                List<String> runs = new ArrayList<>();
                while (rs.next()) {
                    runs.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3) + " " + rs.getObject(4) + " " + rs.getString(5));
                }
                assertEquals(List.of("build-7 1 import null 3", "db-1 1 import null 3", "web-1 1 import null 3",
                        "web-1 2 replay 1 10"), runs);
            }
        }
    }

    @Test
    void timestampsAreNanosecondsInUtcAndJsonColumnsCarryTheJsonType() throws Exception {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
            for (LakeTable t : LakeTable.values()) {
                Map<String, String> types = new TreeMap<>();
                try (ResultSet rs = s.executeQuery("SELECT name, logical_type FROM parquet_schema('" + lake + "/" + t.dir()
                        + "/host=db-1/run_id=1/part-00000.parquet') WHERE name <> 'row'")) {
                    while (rs.next()) {
                        types.put(rs.getString(1), String.valueOf(rs.getString(2)));
                    }
                }
                for (LakeColumn c : t.columns()) {
                    String logical = types.get(c.name());
                    switch (c.type()) {
                        case TIMESTAMP -> assertTrue(logical.contains("isAdjustedToUTC=1") && logical.contains("NANOS=NanoSeconds"),
                                t.dir() + "." + c.name() + ": " + logical);
                        case JSON -> assertEquals("JsonType()", logical, t.dir() + "." + c.name());
                        case STRING -> assertEquals("StringType()", logical, t.dir() + "." + c.name());
                        default -> { }
                    }
                }
                assertEquals(t.columns().size(), types.size(), t.dir() + ": host and run_id are the partition's, not the file's");
            }
        }
    }

    @Test
    void aRunAlreadyInTheLakeIsRefusedAndReplaceTouchesOnlyItsPartitions() throws Exception {
        Map<Path, String> before = digests(lake);
        Cli again = Cli.run("export", CASES.get("db-1"), "--format", "parquet", "-o", lake.toString());
        assertEquals(2, again.status());
        assertTrue(again.oneLineError(), again.err());
        assertTrue(again.err().contains("host=db-1/run_id=1 already exists") && again.err().contains("--replace"), again.err());
        assertEquals(before, digests(lake), "a refused export changes nothing");

        Cli replace = Cli.run("export", CASES.get("web-1"), "--run", "2", "--format", "parquet", "-o", lake.toString(), "--replace");
        assertEquals(0, replace.status(), replace.err());
        assertTrue(replace.out().contains("replaced " + lake.resolve("traces/host=web-1/run_id=2/part-00000.parquet")), replace.out());
        Map<Path, String> after = digests(lake);
        assertEquals(before.keySet(), after.keySet());
        for (Path p : before.keySet()) {
            if (!p.toString().contains("host=web-1/run_id=2")) {
                assertEquals(before.get(p), after.get(p), p + " is another run's and stays as it was");
            }
        }
    }

    @Test
    void badLakeRequestsAreOneLineErrors() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        for (String[] args : List.of(
                new String[] {"export", CASES.get("db-1"), "--format", "parquet"},
                new String[] {"export", CASES.get("db-1"), "--format", "parquet", "-o", file.toString()},
                new String[] {"export", CASES.get("db-1"), "--format", "parquet", "-o", dir.resolve("x").toString(), "--what", "nope"},
                new String[] {"import", "../samples/captured/raw-ping.jsonl", "--out", dir.resolve("h.db").toString(), "--host", "a/b"})) {
            Cli r = Cli.run(args);
            assertEquals(2, r.status(), String.join(" ", args));
            assertTrue(r.oneLineError(), r.err());
        }
        assertEquals("x", Files.readString(file));
        assertFalse(Files.exists(dir.resolve("x")));
        assertFalse(Files.exists(dir.resolve("h.db")));
    }

    @Test
    void aLongRunsRawEventsArePartsInSeqOrderWrittenInParallelAndReadBackWhole() throws Exception {
        // 24,000 events are three blocks and more: three parts of whole blocks, each its own thread
        Path log = dir.resolve("long.jsonl");
        try (var w = Files.newBufferedWriter(log)) {
            long t = 1_795_000_000_000_000_000L;
            for (int i = 0; i < 24_000; i++) {
                int pid = 40_000 + i % 7;
                String ts = io.syswire.time.Rfc3339.format(t += 1_000);
                w.write(i % 1000 == 0 ? "{\"ts\":\"" + ts + "\",\"kind\":\"fork\",\"pid\":" + pid + ",\"child_pid\":" + (50_000 + i) + "}\n"
                        : i % 777 == 0 ? "{\"ts\":\"" + ts + "\",\"kind\":\"tick\"}\n"
                        : "{\"ts\":\"" + ts + "\",\"kind\":\"syscall\",\"pid\":" + pid + ",\"tid\":" + pid + ",\"comm\":\"w" + i % 7
                        + "\",\"uid\":0,\"gid\":0,\"cap_effective\":\"0000000000000000\",\"cap_permitted\":\"0000000000002000\","
                        + "\"syscall\":\"sendto\",\"args\":{\"fd\":3,\"len\":" + i + ",\"note\":\"caf\u00e9 " + i % 3 + "\"},\"ret\":" + i % 5 + "}\n");
            }
        }
        String db = dir.resolve("long.db").toString();
        Cli imported = Cli.run("import", log.toString(), "--out", db, "--host", "long-1");
        assertEquals(0, imported.status(), imported.err());
        Path parted = dir.resolve("parted");
        try (CaseStore store = CaseFile.at(db).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE);
             Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            var r = io.syswire.ops.LakeExporter.export(store, store.runs(), List.of(LakeTable.RAW_EVENTS), parted, false,
                    io.syswire.kernel.SyscallTable.x86_64(), 5_000, 3);
            assertEquals(24_000, r.total());
            Path partition = parted.resolve("raw_events/host=long-1/run_id=1");
            try (Stream<Path> s = Files.list(partition)) {
                assertEquals(List.of("part-00000.parquet", "part-00001.parquet", "part-00002.parquet"),
                        s.map(p -> p.getFileName().toString()).sorted().toList());
            }
            List<List<Object>> inCase = caseRows(store.connection(), LakeTable.RAW_EVENTS, 1);
            assertEquals(24_000, inCase.size());
            assertEquals(inCase, rows(duck, "SELECT " + names(LakeTable.RAW_EVENTS, true) + " FROM read_parquet('" + parted
                    + "/raw_events/*/*/*.parquet', hive_partitioning = true) ORDER BY seq", LakeTable.RAW_EVENTS));
            // seq runs on from one part into the next, and each part holds a range of whole rows
            long last = 0;
            for (int part = 0; part < 3; part++) {
                try (Statement s = duck.createStatement(); ResultSet rs = s.executeQuery("SELECT min(seq), max(seq), count(*) FROM read_parquet('"
                        + partition.resolve(io.syswire.lake.LakePartition.file(part)) + "')")) {
                    rs.next();
                    assertEquals(last + 1, rs.getLong(1), "part " + part + " starts where the one before ended");
                    assertEquals(rs.getLong(2) - rs.getLong(1) + 1, rs.getLong(3), "part " + part + " is one range");
                    last = rs.getLong(2);
                }
            }
            assertEquals(24_000, last);
        }
    }

    private static List<Integer> runIds(Connection h2) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Statement s = h2.createStatement(); ResultSet rs = s.executeQuery("SELECT run_id FROM runs ORDER BY run_id")) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    /** The case's own rows: raw events from its raw_events view, the rest from the tables. */
    private static List<List<Object>> caseRows(Connection h2, LakeTable t, int run) throws SQLException {
        String from = t == LakeTable.RAW_EVENTS ? "raw_events" : t.dir();
        return rows(h2, "SELECT " + names(t, false) + " FROM " + from + " WHERE run_id = " + run + " ORDER BY " + t.orderBy(), t);
    }

    private static List<List<Object>> lakeRows(Connection duck, LakeTable t, String host, int run) throws SQLException {
        return rows(duck, "SELECT " + names(t, true) + " FROM read_parquet('" + lake + "/" + t.dir()
                + "/*/*/*.parquet', hive_partitioning = true) WHERE host = '" + host + "' AND run_id = " + run
                + " ORDER BY " + t.orderBy(), t);
    }

    /** DuckDB reads TIMESTAMP(NANOS, UTC) as microseconds: the comparison is at that precision. */
    private static String names(LakeTable t, boolean duck) {
        List<String> n = new ArrayList<>();
        for (LakeColumn c : t.columns()) {
            n.add(c.type() == LakeColumn.Type.TIMESTAMP && duck ? "epoch_us(" + c.name() + ")" : c.name());
        }
        return String.join(", ", n);
    }

    private static List<List<Object>> rows(Connection c, String sql, LakeTable t) throws SQLException {
        List<List<Object>> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 0; i < t.columns().size(); i++) {
                    Object v = rs.getObject(i + 1);
                    row.add(v == null ? null : switch (t.columns().get(i).type()) {
                        case INT32, INT64 -> ((Number) v).longValue();
                        case TIMESTAMP -> v instanceof OffsetDateTime o
                                ? Math.floorDiv(o.toEpochSecond() * 1_000_000_000L + o.getNano(), 1000L) : ((Number) v).longValue();
                        case BOOLEAN -> v;
                        case STRING, JSON -> rs.getString(i + 1);
                    });
                }
                out.add(row);
            }
        }
        return out;
    }

    private static Map<Path, String> digests(Path root) throws IOException, NoSuchAlgorithmException {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(p, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }
}
