package io.syswire.live;

import io.syswire.config.Setting;
import io.syswire.config.Settings;
import io.syswire.live.proc.CgroupIds;
import io.syswire.live.proc.NamespaceId;
import io.syswire.ops.Replayer;
import io.syswire.ops.RunDiff;
import io.syswire.ops.RunOutcome;
import io.syswire.store.CaseStore;
import io.syswire.store.RunInfo;
import org.jooq.Record;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.syswire.live.Recording.scenario;
import static io.syswire.store.schema.Tables.PROCESSES;
import static io.syswire.store.schema.Tables.TRACES;
import static io.syswire.store.schema.Tables.TRACE_EVENTS;
import static io.syswire.store.schema.Tables.TRANSITIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Live recordings of the scenario programs through the real kernel program: exact traces
 * and transitions in the case, and a replay of each recorded raw log with the same
 * configuration agreeing with the live run, trace for trace.
 */
class LiveRecordingTest {
    static final String PING = "syswire|capabilities:cap_net_raw;tripwires:socket;context:sendto+close;maxtrace:3";

    @TempDir
    Path dir;

    /** "Unknown -> Tracing (tripwire socket)" lines for one process of a run. */
    static List<String> transitions(CaseStore s, int run, int pid) {
        List<String> out = new ArrayList<>();
        for (Record r : s.sql().selectFrom(TRANSITIONS).where(TRANSITIONS.RUN_ID.eq(run).and(TRANSITIONS.PID.eq(pid)))
                .orderBy(TRANSITIONS.SEQ).fetch()) {
            out.add(r.get(TRANSITIONS.FROM_STATE) + " -> " + r.get(TRANSITIONS.TO_STATE) + " (" + r.get(TRANSITIONS.CAUSE)
                    + (r.get(TRANSITIONS.SYSCALL) != null ? " " + r.get(TRANSITIONS.SYSCALL) : "") + ")");
        }
        return out;
    }

    /** "socket [sendto, sendto, sendto] maxtrace" lines for one process of a run. */
    static List<String> traces(CaseStore s, int run, int pid) {
        List<String> out = new ArrayList<>();
        for (var t : s.sql().selectFrom(TRACES).where(TRACES.RUN_ID.eq(run).and(TRACES.PID.eq(pid))).orderBy(TRACES.TRACE_ID).fetch()) {
            List<String> ctx = s.sql().select(TRACE_EVENTS.SYSCALL).from(TRACE_EVENTS)
                    .where(TRACE_EVENTS.RUN_ID.eq(run).and(TRACE_EVENTS.TRACE_ID.eq(t.getTraceId())).and(TRACE_EVENTS.ORDINAL.gt(0)))
                    .orderBy(TRACE_EVENTS.ORDINAL).fetch(TRACE_EVENTS.SYSCALL);
            out.add(t.getTripwireSyscall() + " " + ctx + " " + t.getEndReason() + (t.getComplete() ? "" : " incomplete"));
        }
        return out;
    }

    static CaseStore open(Recording r) {
        return CaseStore.open(r.file, CaseStore.Access.READ_WRITE, CaseStore.Upgrade.REFUSE);
    }

    /** Replaying the recorded raw log with the run's own configuration gives exactly the live run. */
    static void replayAgrees(CaseStore s, int run) throws Exception {
        RunInfo live = s.resolveRun(run);
        RunOutcome replay = Replayer.run(s, live, Settings.none(), Recording.TABLE, null);
        RunDiff.Result d = RunDiff.compare(s, live, s.resolveRun(replay.runId()));
        assertTrue(d.identical(), "replay differs from the live run:\n" + RunDiff.text(d));
    }

    @Test
    void aRawPingIsTracedWithThreeSendtosAndAReplayWithMaxtrace10SeesAllFiveAndTheClose() throws Exception {
        Recording r = Recording.of(dir.resolve("live.db"), PING, List.of(scenario("raw-ping", "-n", "5")));
        int pid = r.scenarios.get(0).get("pid").asInt();
        try (CaseStore s = open(r)) {
            int run = r.outcome.runId();
            assertEquals(List.of("socket [sendto, sendto, sendto] maxtrace"), traces(s, run, pid));
            assertEquals(List.of("Unknown -> Tracing (tripwire socket)", "Tracing -> Traced (maxtrace)",
                    "Traced -> Unknown (exit)"), transitions(s, run, pid));
            replayAgrees(s, run);
            RunOutcome ten = Replayer.run(s, s.resolveRun(run), Settings.none().with(Setting.MAXTRACE, "10"), Recording.TABLE, null);
            assertEquals(List.of("socket [sendto, sendto, sendto, sendto, sendto, close] exit"), traces(s, ten.runId(), pid));
            var name = s.sql().select(PROCESSES.NAME, PROCESSES.EXE, PROCESSES.CMD).from(PROCESSES)
                    .where(PROCESSES.RUN_ID.eq(run).and(PROCESSES.PID.eq(pid))).fetchOne();
            assertEquals("raw-ping", name.value1());
            assertTrue(name.value2().endsWith("/raw-ping"), name.value2());
            assertTrue(name.value3().endsWith("raw-ping -n 5"), name.value3());
        }
    }

    @Test
    void aProcessThatLowersAndRaisesItsCapabilityIsFirstDormantThenTraced() throws Exception {
        Recording r = Recording.of(dir.resolve("live.db"), PING, List.of(scenario("cap-dance")));
        int pid = r.scenarios.get(0).get("pid").asInt();
        try (CaseStore s = open(r)) {
            int run = r.outcome.runId();
            assertEquals(List.of("Unknown -> Dormant (tripwire socket)", "Dormant -> Tracing (tripwire socket)",
                    "Tracing -> Traced (maxtrace)", "Traced -> Unknown (exit)"), transitions(s, run, pid));
            assertEquals(List.of("socket [sendto, sendto, close] maxtrace"), traces(s, run, pid));
            replayAgrees(s, run);
            // cap-dance is gone within a millisecond, often before /proc is read: its mount
            // namespace then comes from the kernel's records, and it is ours
            String ns = s.sql().select(PROCESSES.NS).from(PROCESSES).where(PROCESSES.RUN_ID.eq(run).and(PROCESSES.PID.eq(pid)))
                    .fetchOne().value1();
            assertEquals(NamespaceId.of(Path.of("/proc/self/ns/mnt")).orElseThrow().toString(), ns);
        }
    }

    @Test
    void aProcessInAContainersCgroupIsAttributedToThatContainerFromTheKernelsCgroupId() throws Exception {
        Path root = CgroupIds.localRoot().orElse(null);
        Assumptions.assumeTrue(root != null, "this machine mounts no cgroup2 hierarchy");
        String id = "5c0ffee5".repeat(8); // a docker container id: 64 hex digits
        Path parent = root.resolve("syswire-test-" + ProcessHandle.current().pid());
        Path scope = Files.createDirectories(parent.resolve("docker-" + id + ".scope"));
        try {
            // the scenario joins the cgroup, then becomes cap-dance, which is gone within a millisecond
            List<String> inScope = List.of("sh", "-c", "echo $$ > " + scope.resolve("cgroup.procs") + " && exec "
                    + String.join(" ", scenario("cap-dance")));
            Recording r = Recording.of(dir.resolve("live.db"), PING, List.of(inScope));
            int pid = r.scenarios.get(0).get("pid").asInt();
            try (CaseStore s = open(r)) {
                int run = r.outcome.runId();
                assertEquals(id, s.sql().select(PROCESSES.CONTAINER_ID).from(PROCESSES)
                        .where(PROCESSES.RUN_ID.eq(run).and(PROCESSES.PID.eq(pid))).fetchOne().value1());
                try (var st = s.connection().createStatement();
                     var rs = st.executeQuery("SELECT DISTINCT cgroup_id FROM raw_events WHERE kind = 'syscall' AND pid = " + pid)) {
                    rs.next();
                    assertEquals((Long) Files.getAttribute(scope, "unix:ino"), rs.getLong(1), "BPF's cgroup id is the directory's inode");
                    assertFalse(rs.next(), "one cgroup");
                }
            }
        } finally {
            Files.deleteIfExists(scope);
            Files.deleteIfExists(parent);
        }
    }

    @Test
    void aProcessWithoutTheCapabilityIsBenignAndItsContextNeverLeavesTheKernel() throws Exception {
        Recording r = Recording.of(dir.resolve("live.db"), PING, List.of(scenario("benign")));
        int pid = r.scenarios.get(0).get("pid").asInt();
        try (CaseStore s = open(r)) {
            int run = r.outcome.runId();
            assertEquals(List.of("Unknown -> Benign (tripwire socket)", "Benign -> Unknown (exit)"), transitions(s, run, pid));
            assertTrue(traces(s, run, pid).isEmpty());
            try (var st = s.connection().createStatement();
                 var rs = st.executeQuery("SELECT syscall FROM raw_events WHERE kind = 'syscall' AND pid = " + pid)) {
                List<String> seen = new ArrayList<>();
                while (rs.next()) {
                    seen.add(rs.getString(1));
                }
                assertEquals(List.of("socket"), seen, "gated: only the tripwire reached user space");
            }
        }
    }

    @Test
    void ungatedRecordingForwardsContextOfEveryProcess() throws Exception {
        Recording r = Recording.of(dir.resolve("live.db"), Recording.options(PING),
                o -> new LiveOptions(o.config(), o.capture(), true, o.budgetEvents(), o.budgetTime(), o.ringBytes(), null),
                List.of(scenario("benign")));
        int pid = r.scenarios.get(0).get("pid").asInt();
        try (CaseStore s = open(r);
             var st = s.connection().createStatement();
             var rs = st.executeQuery("SELECT syscall FROM raw_events WHERE kind = 'syscall' AND pid = " + pid + " ORDER BY seq")) {
            List<String> seen = new ArrayList<>();
            while (rs.next()) {
                seen.add(rs.getString(1));
            }
            assertEquals(List.of("socket", "close"), seen.subList(seen.size() - 2, seen.size()),
                    "the datagram socket and its close, though the process never held the capability");
            assertTrue(seen.indexOf("socket") > 0, "and the closes of its start-up before them: " + seen);
        }
    }

    @Test
    void aTraceEndsWhenItsProcessExits() throws Exception {
        Recording r = Recording.of(dir.resolve("live.db"), PING.replace("maxtrace:3", "maxtrace:10"),
                List.of(scenario("raw-ping", "-n", "5", "--exit-after", "2")));
        int pid = r.scenarios.isEmpty() ? -1 : r.scenarios.get(0).get("pid").asInt();
        try (CaseStore s = open(r)) {
            int run = r.outcome.runId();
            assertEquals(List.of("socket [sendto, sendto] exit"), traces(s, run, pid));
            assertEquals(List.of("Unknown -> Tracing (tripwire socket)", "Tracing -> Unknown (exit)"), transitions(s, run, pid));
            replayAgrees(s, run);
        }
    }

    @Test
    void ptraceOfAChildWithCapSysPtraceIsTraced() throws Exception {
        Recording r = Recording.of(dir.resolve("live.db"),
                "syswire|capabilities:cap_sys_ptrace;tripwires:ptrace;context:ptrace+wait4+kill;maxtrace:10",
                List.of(scenario("ptracer")));
        int pid = r.scenarios.get(0).get("pid").asInt();
        try (CaseStore s = open(r)) {
            int run = r.outcome.runId();
            assertEquals(List.of("ptrace [wait4, ptrace, ptrace, ptrace, ptrace, kill, wait4] exit"), traces(s, run, pid));
            String doc = s.sql().select(TRACES.DOC).from(TRACES).where(TRACES.RUN_ID.eq(run).and(TRACES.PID.eq(pid)))
                    .fetchOne(TRACES.DOC).data();
            assertTrue(doc.contains("\"tripwire\":{\"syscall\":\"ptrace\",\"args\":{\"request\":16,\"pid\":"
                    + r.scenarios.get(0).get("child_pid").asInt()), doc);
            replayAgrees(s, run);
        }
    }

    @Test
    void aForkedChildThatExecsIsDescribedByItsNewImage() throws Exception {
        Recording r = Recording.of(dir.resolve("live.db"), PING, List.of(scenario("fork-exec")));
        int child = r.scenarios.get(0).get("child_pid").asInt();
        try (CaseStore s = open(r)) {
            int run = r.outcome.runId();
            assertEquals(List.of("socket [sendto, sendto, close] maxtrace"), traces(s, run, child));
            String doc = s.sql().select(TRACES.DOC).from(TRACES).where(TRACES.RUN_ID.eq(run).and(TRACES.PID.eq(child)))
                    .fetchOne(TRACES.DOC).data();
            assertTrue(doc.contains("\"name\":\"raw-ping\""), doc);
            assertTrue(doc.contains("\"ppid\":" + r.scenarios.get(0).get("pid").asInt()), doc);
            replayAgrees(s, run);
        }
    }

    @Test
    void theCallingThreadsCapabilitiesAreJudged() throws Exception {
        Recording r = Recording.of(dir.resolve("live.db"), PING, List.of(scenario("threads")));
        var out = r.scenarios.get(0);
        int pid = out.get("pid").asInt();
        try (CaseStore s = open(r)) {
            int run = r.outcome.runId();
            assertEquals(List.of("Unknown -> Dormant (tripwire socket)", "Dormant -> Tracing (tripwire socket)",
                    "Tracing -> Traced (maxtrace)", "Traced -> Unknown (exit)"), transitions(s, run, pid));
            int tid = s.sql().select(TRACES.TRIPWIRE_TID).from(TRACES).where(TRACES.RUN_ID.eq(run).and(TRACES.PID.eq(pid)))
                    .fetchOne(TRACES.TRIPWIRE_TID);
            assertEquals(out.get("worker_tid").asInt(), tid);
            replayAgrees(s, run);
        }
    }

    @Test
    void syscallsOutsideTheCaptureSetLeaveNoTrace() throws Exception {
        Recording r = Recording.of(dir.resolve("live.db"), PING, List.of(scenario("noise", "-n", "100000")));
        int pid = r.scenarios.get(0).get("pid").asInt();
        try (CaseStore s = open(r);
             var st = s.connection().createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM raw_events WHERE kind = 'syscall' AND pid = " + pid)) {
            rs.next();
            assertEquals(0, rs.getLong(1));
            assertTrue(transitions(s, r.outcome.runId(), pid).isEmpty());
        }
    }

    @Test
    void aKernelScopeOnTheProcessNameKeepsOtherProcessesOut() throws Exception {
        Recording r = Recording.of(dir.resolve("live.db"), Recording.options(PING),
                o -> new LiveOptions(Settings.parseTask(PING).withScope(List.of("process.name:raw-ping")).resolve(Recording.TABLE),
                        o.capture(), o.ungated(), o.budgetEvents(), o.budgetTime(), o.ringBytes(), null),
                List.of(scenario("cap-dance"), scenario("raw-ping", "-n", "1")));
        int dance = r.scenarios.get(0).get("pid").asInt();
        int ping = r.scenarios.get(1).get("pid").asInt();
        try (CaseStore s = open(r)) {
            int run = r.outcome.runId();
            assertTrue(transitions(s, run, dance).isEmpty());
            assertEquals(List.of("socket [sendto, close] exit"), traces(s, run, ping));
            try (var st = s.connection().createStatement();
                 var rs = st.executeQuery("SELECT COUNT(*) FROM raw_events WHERE pid = " + dance)) {
                rs.next();
                assertEquals(0, rs.getLong(1), "the kernel filtered the other process out");
            }
        }
    }

    @Test
    void whenTheRingBufferOverflowsTheLossIsCountedAndTheOpenTraceMarkedIncomplete() throws Exception {
        String task = "syswire|capabilities:cap_net_raw;tripwires:close;context:close;maxtrace:1000000";
        Recording r = Recording.of(dir.resolve("live.db"), Recording.options(task),
                o -> new LiveOptions(o.config(), o.capture(), true, o.budgetEvents(), o.budgetTime(), 4096 * 4, null),
                List.of(scenario("noise", "--syscall", "close", "-n", "300000")));
        int pid = r.scenarios.get(0).get("pid").asInt();
        try (CaseStore s = open(r)) {
            int run = r.outcome.runId();
            RunInfo info = s.resolveRun(run);
            assertTrue(info.lostEvents() > 0, "lost " + info.lostEvents());
            assertEquals(info.kernelDropped(), info.lostEvents(), "every drop the kernel counted is in the raw log");
            List<String> t = traces(s, run, pid);
            assertEquals(1, t.size());
            assertTrue(t.get(0).endsWith(" incomplete"), t.get(0));
            assertFalse(s.sql().select(TRACES.COMPLETE).from(TRACES).where(TRACES.RUN_ID.eq(run)).fetch(TRACES.COMPLETE).contains(true)
                    && t.isEmpty());
            replayAgrees(s, run);
        }
    }
}
