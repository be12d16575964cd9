package io.syswire.store;

import io.syswire.Events;
import io.syswire.RandomLogs;
import io.syswire.config.Settings;
import io.syswire.event.RawEvent;
import io.syswire.kernel.SyscallTable;
import io.syswire.ops.Importer;
import io.syswire.rawlog.RawLogWriter;
import io.syswire.time.Rfc3339;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * raw_events answers every condition exactly as a decode of every block does (the table
 * function syswire_raw_events(), which skips nothing), whichever index the condition pushes
 * down to the blocks: random conditions over generated logs, some runs mixed, some with the
 * locality a real recording has (a few processes at a time).
 */
class RawEventsPushdownTest {
    static final SyscallTable TABLE = SyscallTable.x86_64();
    static final String[] SYSCALLS = {"socket", "sendto", "close", "openat", "ptrace", "read"};
    static final String COLUMNS = "run_id, seq, ts, kind, pid, tid, ppid, start_time, comm, uid, gid, syscall, nr,"
            + " CAST(args AS VARCHAR), ret, cap_effective, cap_permitted, cap_inheritable, mnt_ns, pid_ns, cgroup_id,"
            + " CAST(detail AS VARCHAR)";

    @TempDir
    static Path dir;
    static Path file;
    static long minTs = Long.MAX_VALUE;
    static long maxTs = Long.MIN_VALUE;

    /** Processes come and go: each 4000 events a new window of pids. */
    static List<RawEvent> local(long seed, int n) {
        Random r = new Random(seed);
        List<RawEvent> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double t = i * 0.001 + (r.nextInt(40) == 0 ? -r.nextDouble() : 0);
            int pid = 200 + i / 4000 * 2 + r.nextInt(3);
            int what = r.nextInt(100);
            if (what < 90) {
                String s = SYSCALLS[i / 9000 % 2 == 0 ? r.nextInt(4) : r.nextInt(SYSCALLS.length)];
                out.add(Events.call(t, pid, s, r.nextBoolean() ? Events.NET_RAW : 0, Events.NET_RAW));
            } else if (what < 93) {
                out.add(Events.exit(t, pid));
            } else if (what < 96) {
                out.add(Events.process(t, pid, "p" + pid));
            } else if (what < 98) {
                out.add(Events.tick(t));
            } else {
                out.add(Events.fork(t, pid, pid + 1));
            }
        }
        return out;
    }

    @BeforeAll
    static void aCaseWithAMixedRunAndALocalRun() throws Exception {
        file = dir.resolve("pushdown.db");
        try (CaseStore store = CaseFile.at(file).create()) {
            for (List<RawEvent> log : List.of(RandomLogs.generate(11, 30_000), local(5, 60_000))) {
                StringWriter text = new StringWriter();
                try (RawLogWriter w = new RawLogWriter(text, TABLE)) {
                    log.forEach(w::accept);
                }
                for (RawEvent e : log) {
                    minTs = Math.min(minTs, e.ts());
                    maxTs = Math.max(maxTs, e.ts());
                }
                Importer.run(store, new BufferedReader(new StringReader(text.toString())), "log.jsonl",
                        Settings.parseTask("syswire|capabilities:cap_net_raw;tripwires:socket"), TABLE);
            }
        }
    }

    static List<String> rows(Statement st, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(rs.getString(i)).append('|');
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    static String ts(long nanos) {
        return "TIMESTAMP WITH TIME ZONE '" + Rfc3339.format(nanos).replace('T', ' ').replace("Z", "+00:00") + "'";
    }

    static String randomCondition(Random r) {
        long span = maxTs - minTs;
        long a = minTs + (long) (r.nextDouble() * span);
        long b = a + (long) (r.nextDouble() * span / (1 + r.nextInt(50)));
        int pid = r.nextBoolean() ? 100 + r.nextInt(8) : 195 + r.nextInt(40);
        return switch (r.nextInt(14)) {
            case 0 -> "pid = " + pid;
            case 1 -> "pid IN (" + pid + ", " + (pid + 7) + ")";
            case 2 -> "ts BETWEEN " + ts(a) + " AND " + ts(b);
            case 3 -> "ts >= " + ts(a);
            case 4 -> "ts < " + ts(a);
            case 5 -> "run_id = " + (1 + r.nextInt(2)) + " AND seq = " + (1 + r.nextInt(61_000));
            case 6 -> "run_id = " + (1 + r.nextInt(2)) + " AND seq BETWEEN " + a % 60_000 + " AND " + (a % 60_000 + r.nextInt(20_000));
            case 7 -> "seq = " + (1 + r.nextInt(61_000));
            case 8 -> "seq > " + r.nextInt(61_000) + " AND run_id = 2";
            case 9 -> "syscall = '" + SYSCALLS[r.nextInt(SYSCALLS.length)] + "'";
            case 10 -> "kind = '" + RawEvent.Kind.values()[r.nextInt(RawEvent.Kind.values().length)].label() + "'";
            case 11 -> "pid = " + pid + " AND ts > " + ts(a);
            case 12 -> "syscall = 'ptrace' AND run_id = 2 AND pid BETWEEN " + pid + " AND " + (pid + 5);
            default -> "pid = " + pid + " OR seq = " + r.nextInt(1000);
        };
    }

    @Test
    void randomConditionsGiveTheRowsOfAFullDecode() throws Exception {
        Random r = new Random(2026);
        try (CaseStore store = CaseFile.at(file).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE);
             Statement st = store.connection().createStatement()) {
            for (int i = 0; i < 40; i++) {
                String where = randomCondition(r);
                List<String> full = rows(st, "SELECT " + COLUMNS + " FROM syswire_raw_events() WHERE " + where + " ORDER BY run_id, seq");
                List<String> pushed = rows(st, "SELECT " + COLUMNS + " FROM raw_events WHERE " + where + " ORDER BY run_id, seq");
                assertEquals(full, pushed, where);
            }
        }
    }

    @Test
    void conditionsOnSeqPidTsSyscallAndKindAreLookedUpThroughTheBlocksIndex() throws Exception {
        try (CaseStore store = CaseFile.at(file).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE);
             Statement st = store.connection().createStatement()) {
            assertTrue(rows(st, "EXPLAIN SELECT * FROM raw_events WHERE run_id = 2 AND seq = 5").get(0).contains("RAW_EVENTS_SEQ"));
            assertTrue(rows(st, "EXPLAIN SELECT * FROM raw_events WHERE pid = 5").get(0).contains("RAW_EVENTS_PID"));
            assertTrue(rows(st, "EXPLAIN SELECT * FROM raw_events WHERE ts BETWEEN " + ts(minTs) + " AND " + ts(minTs + 1000))
                    .get(0).contains("RAW_EVENTS_TS"));
            assertTrue(rows(st, "EXPLAIN SELECT * FROM raw_events WHERE syscall = 'ptrace'").get(0).contains("RAW_EVENTS_SYSCALL"));
        }
    }

    @Test
    void aJoinFromTraceEventsFindsEachRawEvent() throws Exception {
        try (CaseStore store = CaseFile.at(file).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE);
             Statement st = store.connection().createStatement()) {
            java.util.Map<String, String> byKey = new java.util.HashMap<>();
            for (String row : rows(st, "SELECT run_id, seq, syscall, pid FROM syswire_raw_events()")) {
                String[] f = row.split("\\|");
                byKey.put(f[0] + "|" + f[1], f[1] + "|" + f[2] + "|" + f[3] + "|");
            }
            List<String> full = new ArrayList<>();
            for (String row : rows(st, "SELECT trace_id, ordinal, run_id, raw_seq FROM trace_events ORDER BY run_id, trace_id, ordinal")) {
                String[] f = row.split("\\|");
                full.add(f[0] + "|" + f[1] + "|" + byKey.get(f[2] + "|" + f[3]));
            }
            List<String> pushed = rows(st, "SELECT e.trace_id, e.ordinal, r.seq, r.syscall, r.pid FROM trace_events e"
                    + " JOIN raw_events r ON r.run_id = e.run_id AND r.seq = e.raw_seq ORDER BY e.run_id, e.trace_id, e.ordinal");
            assertTrue(full.size() > 10, "the runs have traces");
            assertEquals(full, pushed);
        }
    }

    @Test
    void countsPerKindPidCommAndSyscallAreThoseOfAFullDecode() throws Exception {
        try (CaseStore store = CaseFile.at(file).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE);
             Statement st = store.connection().createStatement()) {
            String keys = "run_id, kind, pid, comm, syscall";
            assertEquals(rows(st, "SELECT " + keys + ", COUNT(*) FROM syswire_raw_events() GROUP BY " + keys + " ORDER BY " + keys),
                    rows(st, "SELECT " + keys + ", SUM(events) FROM raw_event_counts GROUP BY " + keys + " ORDER BY " + keys));
            assertEquals(rows(st, "SELECT COUNT(*) FROM syswire_raw_events()"), rows(st, "SELECT COUNT(*) FROM raw_events"));
            assertEquals(rows(st, "SELECT SUM(raw_events) FROM runs"), rows(st, "SELECT COUNT(*) FROM raw_events"));
        }
    }
}
