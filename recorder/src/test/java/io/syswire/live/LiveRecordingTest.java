package io.syswire.live;

import io.syswire.config.Setting;
import io.syswire.config.Settings;
import io.syswire.live.proc.CgroupIds;
import io.syswire.live.proc.NamespaceId;
import io.syswire.ops.Replayer;
import io.syswire.ops.RunDiff;
import io.syswire.ops.RunOutcome;
import io.syswire.store.CaseFile;
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
        return CaseFile.at(r.file).open(CaseStore.Access.READ_WRITE, CaseStore.Upgrade.REFUSE);
    }

    /** Replaying the recorded raw log with the run's own configuration gives exactly the live run. */
    static void replayAgrees(CaseStore s, int run) throws Exception {
        RunInfo live = s.resolveRun(run);
        RunOutcome replay = Replayer.run(s, live, Settings.none(), Recording.TABLE, null);
        RunDiff.Result d = RunDiff.compare(s, live, s.resolveRun(replay.runId()));
        assertTrue(d.identical(), "replay differs from the live run:\n" + RunDiff.text(d));
        // and every published document is the same: process, images, ancestry, all from the raw log
        assertEquals(docs(s, run), docs(s, replay.runId()));
    }

    static List<String> docs(CaseStore s, int run) {
        return s.sql().select(TRACES.DOC).from(TRACES).where(TRACES.RUN_ID.eq(run)).orderBy(TRACES.TRACE_ID)
                .fetch(TRACES.DOC).stream().map(j -> j.data()).toList();
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
        assertTrue(r.scenarios.get(0).has("exited_after"), "raw-ping said when it exited: " + r.scenarios.get(0));
        int pid = r.scenarios.get(0).get("pid").asInt();
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

    /** The names, exes and cmds of a process's traces, in order, and each trace's effective set. */
    static List<List<String>> tracedImages(CaseStore s, int run, int pid) throws Exception {
        List<List<String>> out = new ArrayList<>();
        for (var doc : s.sql().select(TRACES.DOC).from(TRACES).where(TRACES.RUN_ID.eq(run).and(TRACES.PID.eq(pid)))
                .orderBy(TRACES.TRACE_ID).fetch(TRACES.DOC)) {
            var t = io.syswire.output.Json.TREE.readTree(doc.data());
            var p = t.get("process");
            out.add(List.of(p.get("name").asText(), p.get("exe").asText(), p.get("cmd").asText(),
                    t.get("capabilities").get("elevated").toString()));
        }
        return out;
    }

    @Test
    void anExecEndsTheLaunchersCoolDownAndTheFileCapabilityImageIsTracedUnderItsOwnName() throws Exception {
        Recording r = Recording.of(dir.resolve("live.db"), PING.replace("maxtrace:3", "maxtrace:1"),
                List.of(scenario("filecap-exec")));
        int pid = r.scenarios.get(0).get("pid").asInt();
        try (CaseStore s = open(r)) {
            int run = r.outcome.runId();
            List<List<String>> images = tracedImages(s, run, pid);
            assertEquals(2, images.size(), "the launcher's trace, then ping's: " + images);
            assertEquals("filecap-exec", images.get(0).get(0));
            assertTrue(images.get(0).get(1).endsWith("/filecap-exec"), images.get(0).get(1));
            assertEquals(List.of("ping", "/usr/bin/ping", "/usr/bin/ping -c 2 -i 0.2 127.0.0.1", "[\"cap_net_raw\"]"),
                    images.get(1), "ping, as uid 65534, with cap_net_raw effective from its file capability");
            List<String> moves = transitions(s, run, pid);
            assertEquals(List.of("Unknown -> Tracing (tripwire socket)", "Tracing -> Traced (maxtrace)",
                    "Traced -> Unknown (exec)", "Unknown -> Tracing (tripwire socket)"), moves.subList(0, 4));
            replayAgrees(s, run);
        }
    }

    @Test
    void setprivThenPingGivesTwoTracesWithTheirOwnImagesAndAncestryBackToTheShell() throws Exception {
        Path ping = Path.of("/usr/bin/ping");
        Assumptions.assumeTrue(Files.isExecutable(ping) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "needs iputils-ping and setpriv (scripts/setup installs them)");
        String task = "syswire|capabilities:cap_net_raw;tripwires:socket;context:sendto+recvmsg+close+setsockopt+capset;maxtrace:5";
        List<String> shell = List.of("bash", "-c", "setpriv --reuid=nobody --regid=nogroup --clear-groups "
                + "ping -c 3 -i 0.2 127.0.0.1 >/dev/null & echo \"{\\\"pid\\\":$!,\\\"shell\\\":$$}\"; wait $!");
        Recording r = Recording.of(dir.resolve("live.db"), task, List.of(shell));
        int pid = r.scenarios.get(0).get("pid").asInt();
        int shellPid = r.scenarios.get(0).get("shell").asInt();
        try (CaseStore s = open(r)) {
            int run = r.outcome.runId();
            List<List<String>> images = tracedImages(s, run, pid);
            assertEquals(2, images.size(), "setpriv's trace and ping's: " + images);
            assertEquals(List.of("setpriv", "/usr/bin/setpriv"), images.get(0).subList(0, 2));
            assertTrue(images.get(0).get(2).startsWith("setpriv --reuid=nobody"), images.get(0).get(2));
            assertEquals(List.of("ping", "/usr/bin/ping", "ping -c 3 -i 0.2 127.0.0.1", "[\"cap_net_raw\"]"), images.get(1));
            for (var doc : s.sql().select(TRACES.DOC).from(TRACES).where(TRACES.RUN_ID.eq(run).and(TRACES.PID.eq(pid)))
                    .fetch(TRACES.DOC)) {
                var first = io.syswire.output.Json.TREE.readTree(doc.data()).get("process").get("ancestry").get(0);
                assertEquals(shellPid, first.get("pid").asInt(), "the parent is the shell that started them");
                assertEquals("bash", first.get("name").asText());
                assertTrue(first.get("cmd").asText().startsWith("bash -c setpriv"), first.toString());
            }
            // the exec records name their own images, in order, never a later one
            List<String> execs = new ArrayList<>();
            try (var st = s.connection().createStatement();
                 var rs = st.executeQuery("SELECT detail FROM raw_events WHERE run_id = " + run + " AND kind = 'exec' AND pid = "
                         + pid + " ORDER BY seq")) {
                while (rs.next()) {
                    var a = io.syswire.output.Json.TREE.readTree(rs.getString(1));
                    execs.add(a.get("name").asText() + " " + a.get("exe").asText());
                }
            }
            assertEquals(List.of("setpriv /usr/bin/setpriv", "ping /usr/bin/ping"), execs);
            replayAgrees(s, run);
        }
    }

    @Test
    void anExecRecordNeverCarriesALaterImagesName() throws Exception {
        // sh execs filecap-exec, which execs ping within a millisecond: by the time the
        // recorder reads /proc for the first exec, the process may already run ping
        List<String> chain = List.of("sh", "-c", "exec " + scenario("filecap-exec").get(0));
        Recording r = Recording.of(dir.resolve("live.db"), PING, List.of(chain, chain, chain));
        try (CaseStore s = open(r)) {
            int run = r.outcome.runId();
            for (var out : r.scenarios) {
                int pid = out.get("pid").asInt();
                List<String> names = new ArrayList<>();
                try (var st = s.connection().createStatement();
                     var rs = st.executeQuery("SELECT detail FROM raw_events WHERE run_id = " + run
                             + " AND kind = 'exec' AND pid = " + pid + " ORDER BY seq")) {
                    while (rs.next()) {
                        var a = io.syswire.output.Json.TREE.readTree(rs.getString(1));
                        names.add(a.get("name").asText() + " " + a.get("exe").asText().replaceAll(".*/", ""));
                    }
                }
                assertEquals(List.of("filecap-exec filecap-exec", "ping ping"), names.subList(names.size() - 2, names.size()),
                        "pid " + pid + ": " + names);
                // what started the scenario (jspawnhelper, sh as dash) is named by itself too: no
                // earlier exec record carries a name or exe of the images that followed it
                assertEquals(1, names.stream().filter(n -> n.contains("ping")).count(), "pid " + pid + ": " + names);
                assertEquals(1, names.stream().filter(n -> n.contains("filecap-exec")).count(), "pid " + pid + ": " + names);
            }
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
            var row = s.sql().select(TRACES.COMPLETE, TRACES.LOST_EVENTS).from(TRACES)
                    .where(TRACES.RUN_ID.eq(run).and(TRACES.PID.eq(pid))).fetchOne();
            assertFalse(row.value1(), "the flood's trace is marked incomplete");
            assertTrue(row.value2() > 0, "with the drops it may miss: " + row.value2());
            assertTrue(info.incompleteTraces() >= 1, "and the run counts it: " + info.incompleteTraces());
            replayAgrees(s, run);
        }
    }
}
