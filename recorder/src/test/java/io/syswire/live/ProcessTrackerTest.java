package io.syswire.live;

import io.syswire.event.ForkEvent;
import io.syswire.event.ProcessEvent;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.event.SyscallEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.syswire.Events.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the live recorder writes into the raw log about processes, before the state machine sees it. */
class ProcessTrackerTest {
    /** /proc as a table: bash 10 (parent 1, init) started sh 20; their kernel start times are known. */
    static final Map<Integer, ProcessInfo> PROC = Map.of(
            1, new ProcessInfo(1, 100, 0, "init", "/sbin/init", "/sbin/init", null, null, null, null),
            10, new ProcessInfo(10, 1_000, 1, "bash", "/usr/bin/bash", "-bash", null, null, null, null),
            20, new ProcessInfo(20, 2_000, 10, "sh", "/usr/bin/dash", "sh -c x", null, null, null, null));

    final List<String> asked = new ArrayList<>();

    final ProcessLookup lookup = new ProcessLookup() {
        @Override
        public ProcessInfo describe(ProcessInfo known, long mntNs, long cgroupId) {
            ProcessInfo p = PROC.get(known.pid());
            return p == null ? known : new ProcessInfo(known.pid(), known.startTime(), known.ppid(), known.name(),
                    p.exe(), p.cmd(), null, null, null, null);
        }

        @Override
        public Optional<ProcessInfo> ancestor(int pid, long startTime) {
            asked.add(pid + "@" + startTime);
            return Optional.ofNullable(PROC.get(pid));
        }
    };

    static List<String> lines(List<RawEvent> out) {
        return out.stream().map(e -> e instanceof ProcessEvent p ? e.kind().label() + " " + p.info().pid() + " "
                + p.info().name() : e.kind().label()).toList();
    }

    @Test
    void aNewProcessIsPrecededByItsUndescribedAncestorsOldestFirst() {
        ProcessTracker t = new ProcessTracker(lookup, Map.of(10, 1_000L));
        List<RawEvent> out = new ArrayList<>();
        SyscallEvent s = call(0.1, 30, 30, RawEvent.NO_TIME, "socket", 0, 0);
        SyscallEvent fromSh = new SyscallEvent(s.ts(), 30, 30, 20, 3_000, "ping", 0, 0, 0, 0, 0, true, s.nr(), s.args(),
                0, true, 0, 0, 0);
        t.accept(fromSh, 0, 0, out::add);
        assertEquals(List.of("process 1 init", "process 10 bash", "process 20 sh", "process 30 ping", "syscall"),
                lines(out));
        assertEquals("10@1000", asked.get(1), "an ancestor alive at the start is read with the kernel's start time");
        assertEquals("20@" + RawEvent.NO_TIME, asked.get(0), "one the kernel did not list is read as /proc has it");
    }

    @Test
    void ancestorsAlreadyDescribedAreNotDescribedAgain() {
        ProcessTracker t = new ProcessTracker(lookup, Map.of());
        List<RawEvent> out = new ArrayList<>();
        t.accept(new ForkEvent(1, 10, 20, 2_000), 0, 0, out::add); // bash forks: bash and init described
        t.accept(new ForkEvent(2, 10, 21, 2_100), 0, 0, out::add); // bash again: nothing more
        assertEquals(List.of("process 1 init", "process 10 bash", "fork", "fork"), lines(out));
    }

    @Test
    void anExecRecordKeepsWhatTheLookupMadeOfTheKernelsView() {
        ProcessTracker t = new ProcessTracker(lookup, Map.of());
        List<RawEvent> out = new ArrayList<>();
        t.accept(new ForkEvent(1, 10, 40, 4_000), 0, 0, out::add);
        t.accept(new ProcessEvent(2, true, new ProcessInfo(40, 4_000, 10, "ping", "/usr/bin/ping", "ping -c 1",
                null, null, null, null)), 0, 0, out::add);
        ProcessEvent exec = (ProcessEvent) out.get(out.size() - 1);
        assertEquals("ping", exec.info().name());
        assertEquals("/usr/bin/ping", exec.info().exe());
        assertEquals(List.of("process 1 init", "process 10 bash", "fork", "exec 40 ping"), lines(out));
    }
}
