package io.syswire.machine;

import io.syswire.config.Scope;
import io.syswire.event.ForkEvent;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.event.SyscallEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the machine knows about each live process, keyed by pid: metadata from process,
 * exec and fork records (or the syscall record itself when nothing else was said), and
 * process identity. A pid that shows up with a different start time, or is forked anew,
 * is a new process: the old one is reported gone first, so the machine can close it.
 */
final class ProcessCatalog {
    /** Called before a process is forgotten, so its state and trace can be closed. */
    interface Departure {
        void departed(ProcessInfo p, long ts, Integer code, long rawSeq);
    }

    static final class Entry {
        /** The run's number for this process, in the order processes were first seen. */
        final int procNo;
        ProcessInfo info;
        /** Cached scope verdict: 0 not yet decided, 1 inside, 2 outside. Reset when metadata changes. */
        byte scope;

        Entry(int procNo, ProcessInfo info) {
            this.procNo = procNo;
            this.info = info;
        }
    }

    /** Deeper than any real process tree; bounds the walk over records a hostile log could make circular. */
    private static final int MAX_ANCESTRY = 64;

    /** How many exited processes are remembered, most recent first, for children that outlive them. */
    private static final int REMEMBERED_DEPARTED = 4096;

    private final PidMap<Entry> byPid = new PidMap<>();
    private final Map<Integer, ProcessInfo> departed = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, ProcessInfo> eldest) {
            return size() > REMEMBERED_DEPARTED;
        }
    };
    private int nextProcNo = 1;
    private final MachineListener listener;
    private final Departure departure;
    private final Scope scope;

    ProcessCatalog(MachineListener listener, Departure departure, Scope scope) {
        this.listener = listener;
        this.departure = departure;
        this.scope = scope;
    }

    /** The entry for the caller of a syscall, created from the record if the process is new. */
    Entry observe(SyscallEvent s, long seq) {
        Entry e = byPid.get(s.pid());
        long start = s.startTime();
        if (e != null) {
            if (start == RawEvent.NO_TIME || e.info.startTime() == start) {
                return e;
            }
            if (e.info.hasStartTime()) {
                depart(e, s.ts(), null, seq);
            } else {
                e.info = e.info.withStartTime(start);
                listener.processSeen(e.procNo, e.info, s.ts());
                return e;
            }
        }
        return add(ProcessInfo.minimal(s.pid(), start, s.ppid(), s.comm()), s.ts());
    }

    /** A process or exec record: new metadata for the process (exec replaces the image fields). */
    void describe(ProcessInfo info, long ts, boolean exec, long seq) {
        Entry e = byPid.get(info.pid());
        if (e != null && info.hasStartTime() && e.info.hasStartTime() && e.info.startTime() != info.startTime()) {
            depart(e, ts, null, seq);
            e = null;
        }
        if (e == null) {
            add(info, ts);
            return;
        }
        ProcessInfo merged = exec
                ? new ProcessInfo(info.pid(), info.hasStartTime() ? info.startTime() : e.info.startTime(),
                        info.ppid() != RawEvent.NO_PID ? info.ppid() : e.info.ppid(), info.name(), info.exe(),
                        info.cmd(), info.ns() != null ? info.ns() : e.info.ns(),
                        info.containerId() != null ? info.containerId() : e.info.containerId(),
                        info.containerName() != null ? info.containerName() : e.info.containerName(),
                        info.podUid() != null ? info.podUid() : e.info.podUid())
                : info.orElse(e.info);
        if (exec) {
            e.info = merged;
            e.scope = 0;
            listener.imageStarted(e.procNo, merged, ts);
        } else if (!merged.equals(e.info)) {
            e.info = merged;
            e.scope = 0;
            listener.processSeen(e.procNo, merged, ts);
        }
    }

    void fork(ForkEvent f, long seq) {
        Entry existing = byPid.get(f.childPid());
        if (existing != null) {
            depart(existing, f.ts(), null, seq);
        }
        Entry parent = byPid.get(f.pid());
        ProcessInfo child = parent != null
                ? parent.info.forkedAs(f.childPid(), f.childStartTime())
                : ProcessInfo.minimal(f.childPid(), f.childStartTime(), f.pid(), null);
        add(child, f.ts());
    }

    void exit(int pid, long startTime, long ts, Integer code, long seq) {
        Entry e = byPid.get(pid);
        if (e == null) {
            return;
        }
        if (startTime != RawEvent.NO_TIME && e.info.hasStartTime() && e.info.startTime() != startTime) {
            return; // the exit of a process we never knew under this pid
        }
        depart(e, ts, code, seq);
    }

    boolean inScope(Entry e) {
        if (e.scope == 0) {
            e.scope = scope.test(e.info) ? (byte) 1 : (byte) 2;
        }
        return e.scope == 1;
    }

    ProcessInfo info(int pid) {
        Entry e = byPid.get(pid);
        return e == null ? null : e.info;
    }

    /**
     * The parent images of a process as the run knows them now, nearest first, up to the
     * oldest known, including parents that have exited since (the last few thousand are
     * remembered). A process that started after the child is not its parent (its pid was
     * reused), so the chain stops there; a cycle or a very deep tree stops it too.
     */
    List<ProcessInfo> ancestry(ProcessInfo p) {
        List<ProcessInfo> chain = new ArrayList<>();
        ProcessInfo child = p;
        while (chain.size() < MAX_ANCESTRY && child.ppid() > 0 && child.ppid() != child.pid()) {
            ProcessInfo up = parentOf(child);
            if (up == null || up.pid() == p.pid()) {
                break;
            }
            chain.add(up);
            child = up;
        }
        return chain;
    }

    /** The live process at the child's ppid, or the one that had that pid before it, if either can be its parent. */
    private ProcessInfo parentOf(ProcessInfo child) {
        Entry live = byPid.get(child.ppid());
        if (live != null && startedBefore(live.info, child)) {
            return live.info;
        }
        ProcessInfo gone = departed.get(child.ppid());
        return gone != null && startedBefore(gone, child) ? gone : null;
    }

    private static boolean startedBefore(ProcessInfo parent, ProcessInfo child) {
        return !parent.hasStartTime() || !child.hasStartTime() || parent.startTime() <= child.startTime();
    }

    /** How many live processes it holds now (exited ones leave it; the departed are remembered apart, bounded). */
    int size() {
        return byPid.size();
    }

    private Entry add(ProcessInfo info, long ts) {
        Entry e = new Entry(nextProcNo++, info);
        byPid.put(info.pid(), e);
        listener.processSeen(e.procNo, info, ts);
        return e;
    }

    private void depart(Entry e, long ts, Integer code, long seq) {
        departure.departed(e.info, ts, code, seq);
        departed.remove(e.info.pid());
        departed.put(e.info.pid(), e.info); // a child that outlives its parent still names it
        byPid.remove(e.info.pid());
        listener.processExited(e.procNo, e.info, ts, code);
    }
}
