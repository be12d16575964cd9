package io.syswire.machine;

import io.syswire.RandomLogs;
import io.syswire.config.Config;
import io.syswire.config.Settings;
import io.syswire.event.RawEvent;
import io.syswire.event.SyscallEvent;
import io.syswire.kernel.SyscallTable;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What must hold for every raw log, checked over many generated ones. */
class MachineInvariantsTest {
    static final SyscallTable TABLE = SyscallTable.x86_64();
    static final String[] TASKS = {
        "syswire|capabilities:cap_net_raw;tripwires:socket;context:sendto+close;maxtrace:2;maxage:5;evictrate:5",
        "syswire|capabilities:cap_net_raw+cap_sys_ptrace;tripwires:socket+ptrace;context:sendto+close+openat+read+capset;maxtrace:7;maxage:3;evictrate:1",
        "syswire|capabilities:cap_sys_ptrace;tripwires:capset;context:ptrace+read;maxtrace:0;maxage:10;evictrate:2",
        "syswire|capabilities:cap_net_raw;tripwires:socket+sendto;context:socket+sendto;maxtrace:50;maxage:0.5;evictrate:0.25",
    };

    @Test
    void invariantsHoldForGeneratedLogs() {
        for (long seed = 1; seed <= 200; seed++) {
            List<RawEvent> log = RandomLogs.generate(seed, 1500);
            for (String task : TASKS) {
                Config c = Settings.parseTask(task).resolve(TABLE);
                MachineRun run = MachineRun.of(c, log.toArray(new RawEvent[0]));
                String where = "seed " + seed + ", " + task;
                checkTraces(c, log, run, where);
                checkTransitions(c, run, where);
                MachineRun again = MachineRun.of(c, log.toArray(new RawEvent[0]));
                assertEquals(run.transitions, again.transitions, "same log, same transitions: " + where);
                assertEquals(run.traces, again.traces, "same log, same traces: " + where);
            }
        }
    }

    private static void checkTraces(Config c, List<RawEvent> log, MachineRun run, String where) {
        long elevated = c.capabilities().mask();
        Set<Integer> ids = new HashSet<>();
        for (Trace t : run.traces) {
            assertTrue(ids.add(t.traceId()), "a trace closes once: " + where);
            SyscallEvent trip = (SyscallEvent) log.get((int) t.tripwire().rawSeq() - 1);
            assertTrue((trip.capEffective() & elevated) != 0, "no trace without an elevated effective capability at its tripwire: " + where);
            assertTrue(c.tripwires().contains(trip.nr()), "a trace starts at a tripwire: " + where);
            assertTrue(t.context().size() <= c.maxTrace(), "context never longer than maxtrace: " + where);
            assertEquals(t.context().size() == c.maxTrace(), t.endReason() == Cause.MAXTRACE,
                    "a full trace ends by maxtrace, and only a full one: " + where);
            long last = t.tripwire().rawSeq();
            for (TraceEvent e : t.context()) {
                SyscallEvent s = (SyscallEvent) log.get((int) e.rawSeq() - 1);
                assertEquals(t.process().pid(), s.pid(), "context comes from the traced process: " + where);
                assertTrue(c.tripwires().contains(s.nr()) || c.context().contains(s.nr()), "context is tripwire or context syscalls: " + where);
                assertTrue(e.rawSeq() > last, "context is in log order: " + where);
                last = e.rawSeq();
            }
        }
    }

    private static void checkTransitions(Config c, MachineRun run, String where) {
        Map<Integer, ProcessState> state = new HashMap<>();
        Set<Integer> opened = new HashSet<>();
        Set<Integer> closed = new HashSet<>();
        long maxAge = c.maxAge().toNanos();
        long evict = c.evictRate().toNanos();
        Map<Integer, Long> since = new HashMap<>();
        int seq = 0;
        for (Transition t : run.transitions) {
            assertEquals(++seq, t.seq(), "transitions are numbered in order: " + where);
            ProcessState before = state.getOrDefault(t.pid(), ProcessState.UNKNOWN);
            assertEquals(before, t.from(), "each transition starts where the last one of the process ended: " + where);
            assertTrue(t.from() != t.to(), "a transition changes the state: " + where);
            if (t.cause() == Cause.MAXAGE) {
                long age = t.ts() - since.get(t.pid());
                assertTrue(age > maxAge, "aged off only when older than maxage: " + where);
                assertTrue(age <= maxAge + evict + 1, "aged off at the first sweep after maxage: " + where);
            }
            if (t.to() == ProcessState.TRACING) {
                assertTrue(opened.add(t.traceId()), "a trace opens once: " + where);
            }
            if (t.from() == ProcessState.TRACING) {
                assertTrue(opened.contains(t.traceId()) && closed.add(t.traceId()), "a trace closes once, after it opened: " + where);
            }
            state.put(t.pid(), t.to());
            since.put(t.pid(), t.ts());
        }
        assertEquals(opened, closed, "every trace that opened closed: " + where);
        assertEquals(opened.size(), run.traces.size(), "every trace is published: " + where);
        assertTrue(state.values().stream().noneMatch(s -> s == ProcessState.TRACING), "nothing is Tracing after the end: " + where);
    }
}
