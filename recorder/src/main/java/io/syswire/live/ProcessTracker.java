package io.syswire.live;

import io.syswire.event.ExitEvent;
import io.syswire.event.ForkEvent;
import io.syswire.event.ProcessEvent;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.event.SyscallEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Puts process metadata into the raw log as the recorder sees processes: a {@code process}
 * record before the first record of a process it did not know (read from /proc right
 * away, while the process is most likely still there), preceded by one for each of its
 * ancestors the log does not describe yet (so that a replay knows the ancestry without
 * /proc), and a complete {@code exec} record for each exec. A pid seen with a new start time
 * is a new process and is described again.
 */
final class ProcessTracker {
    /** Deeper than any real process tree; bounds the walk if /proc were to show a cycle. */
    private static final int MAX_ANCESTRY = 64;

    private final ProcessLookup lookup;
    private final Map<Integer, Long> known = new HashMap<>(); // pid -> start time, as the log describes it
    private final Map<Integer, Long> aliveAtStart; // pid -> start time (wall ns) of every process alive at the start
    private int lastPid = -1; // the process of the previous syscall: a flood asks about it again and again
    private long lastStart;

    /**
     * @param aliveAtStart the kernel's start time (wall-clock ns) of each process alive when the
     *                     recording began: /proc only counts ticks, and an ancestor described
     *                     from /proc must keep the identity the kernel's own records give it
     */
    ProcessTracker(ProcessLookup lookup, Map<Integer, Long> aliveAtStart) {
        this.lookup = lookup;
        this.aliveAtStart = aliveAtStart;
    }

    /** One decoded record; {@code mntNs} and {@code cgroupId} are its task's, as the kernel reported them. */
    void accept(RawEvent e, long mntNs, long cgroupId, Consumer<RawEvent> out) {
        if (e instanceof SyscallEvent s) {
            introduce(s, out);
            out.accept(s);
        } else if (e instanceof ProcessEvent p && p.exec()) {
            ProcessInfo info = lookup.describe(p.info(), mntNs, cgroupId);
            if (!known.containsKey(info.pid())) {
                ancestors(info.ppid(), p.ts(), out);
            }
            known.put(info.pid(), info.startTime());
            out.accept(new ProcessEvent(p.ts(), true, info));
        } else if (e instanceof ForkEvent f) {
            // the child starts as a copy of its parent: the state machine copies the parent's metadata
            if (!known.containsKey(f.pid())) {
                ancestors(f.pid(), f.ts(), out); // the parent itself, and its own ancestors
            }
            known.put(f.childPid(), f.childStartTime());
            out.accept(f);
        } else if (e instanceof ExitEvent x) {
            out.accept(x);
            Long start = known.get(x.pid());
            if (start != null && start == x.startTime()) {
                known.remove(x.pid());
                lastPid = -1;
            }
        } else {
            out.accept(e);
        }
    }

    private void introduce(SyscallEvent s, Consumer<RawEvent> out) {
        int pid = s.pid();
        long start = s.startTime();
        if (pid == lastPid && start == lastStart) {
            return;
        }
        lastPid = pid;
        lastStart = start;
        Long seen = known.get(pid);
        if (seen != null && seen == start) {
            return;
        }
        known.put(pid, start);
        ProcessInfo described = lookup.describe(ProcessInfo.minimal(pid, start, s.ppid(), s.comm()), s.mntNs(), s.cgroupId());
        ancestors(described.ppid(), s.ts(), out);
        out.accept(new ProcessEvent(s.ts(), false, described));
    }

    /**
     * Process records for {@code pid} and its ancestors that the log does not describe yet,
     * oldest first, stamped {@code ts}: read from /proc now, the nearest moment to their
     * first appearance the recorder has.
     */
    private void ancestors(int pid, long ts, Consumer<RawEvent> out) {
        List<ProcessInfo> chain = new ArrayList<>();
        while (pid > 0 && chain.size() < MAX_ANCESTRY && !known.containsKey(pid)) {
            Optional<ProcessInfo> a = lookup.ancestor(pid, aliveAtStart.getOrDefault(pid, RawEvent.NO_TIME));
            if (a.isEmpty()) {
                break; // gone, or its pid already belongs to another process
            }
            chain.add(a.get());
            known.put(pid, a.get().startTime());
            pid = a.get().ppid();
        }
        for (int i = chain.size() - 1; i >= 0; i--) {
            out.accept(new ProcessEvent(ts, false, chain.get(i)));
        }
    }

    /** How many processes it knows now (exited ones are forgotten): the soak benchmark's curve. */
    int knownProcesses() {
        return known.size();
    }
}
