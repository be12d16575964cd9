package io.syswire.live;

import io.syswire.event.ExitEvent;
import io.syswire.event.ForkEvent;
import io.syswire.event.ProcessEvent;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.event.SyscallEvent;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Puts process metadata into the raw log as the recorder sees processes: a {@code process}
 * record before the first record of a process it did not know (read from /proc right
 * away, while the process is most likely still there), and a complete {@code exec} record
 * for each exec. A pid seen with a new start time is a new process and is described again.
 */
final class ProcessTracker {
    private final ProcessLookup lookup;
    private final Map<Integer, Long> known = new HashMap<>(); // pid -> start time
    private int lastPid = -1; // the process of the previous syscall: a flood asks about it again and again
    private long lastStart;

    ProcessTracker(ProcessLookup lookup) {
        this.lookup = lookup;
    }

    /** One decoded record; {@code mntNs} and {@code cgroupId} are its task's, as the kernel reported them. */
    void accept(RawEvent e, long mntNs, long cgroupId, Consumer<RawEvent> out) {
        if (e instanceof SyscallEvent s) {
            introduce(s, out);
            out.accept(s);
        } else if (e instanceof ProcessEvent p && p.exec()) {
            ProcessInfo info = lookup.describe(p.info(), mntNs, cgroupId);
            known.put(info.pid(), info.startTime());
            out.accept(new ProcessEvent(p.ts(), true, info));
        } else if (e instanceof ForkEvent f) {
            // the child starts as a copy of its parent: the state machine copies the parent's metadata
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
        ProcessInfo known = ProcessInfo.minimal(pid, start, s.ppid(), s.comm());
        out.accept(new ProcessEvent(s.ts(), false, lookup.describe(known, s.mntNs(), s.cgroupId())));
    }

    int knownProcesses() {
        return known.size();
    }
}
