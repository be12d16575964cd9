package io.syswire;

import io.syswire.event.Args;
import io.syswire.event.ExitEvent;
import io.syswire.event.ForkEvent;
import io.syswire.event.LostEvent;
import io.syswire.event.ProcessEvent;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.event.SyscallEvent;
import io.syswire.event.TickEvent;
import io.syswire.kernel.Capability;
import io.syswire.kernel.SyscallTable;
import io.syswire.time.Rfc3339;

/**
 * A vocabulary for writing raw logs in tests: times are seconds after {@link #T0},
 * capabilities by name.
 */
public final class Events {
    public static final long T0 = Rfc3339.parse("2026-11-23T10:00:00Z", "t0");
    public static final long NET_RAW = Capability.NET_RAW.mask();
    public static final long SYS_PTRACE = Capability.SYS_PTRACE.mask();
    public static final long NONE = 0;
    public static final long ALL = (1L << 41) - 1;

    private Events() {
    }

    public static long at(double seconds) {
        return T0 + Math.round(seconds * 1e9);
    }

    /** A syscall by the main thread with the given effective and permitted sets. */
    public static SyscallEvent call(double t, int pid, String syscall, long effective, long permitted) {
        return call(t, pid, pid, syscall, effective, permitted);
    }

    public static SyscallEvent call(double t, int pid, int tid, String syscall, long effective, long permitted) {
        return call(t, pid, tid, RawEvent.NO_TIME, syscall, effective, permitted);
    }

    /** A syscall that names its process start time (pid reuse tests). */
    public static SyscallEvent call(double t, int pid, int tid, long start, String syscall, long effective, long permitted) {
        int nr = SyscallTable.x86_64().byName(syscall).nr();
        return new SyscallEvent(at(t), pid, tid, RawEvent.NO_PID, start, "p" + pid, 0, 0, effective, permitted, 0, true,
                nr, Args.own(new String[] {"fd"}, new Object[] {3L}), 0, true, 0, 0, 0);
    }

    public static ExitEvent exit(double t, int pid) {
        return new ExitEvent(at(t), pid, RawEvent.NO_TIME, 0);
    }

    public static TickEvent tick(double t) {
        return new TickEvent(at(t));
    }

    public static LostEvent lost(double t, long count) {
        return new LostEvent(at(t), count);
    }

    public static ForkEvent fork(double t, int parent, int child) {
        return new ForkEvent(at(t), parent, child, at(t));
    }

    public static ProcessEvent process(double t, int pid, String name) {
        return new ProcessEvent(at(t), false, new ProcessInfo(pid, RawEvent.NO_TIME, 1, name, "/usr/bin/" + name,
                name + " --flag", "4-4026531841", null, null, null));
    }

    public static ProcessEvent exec(double t, int pid, String name) {
        return new ProcessEvent(at(t), true, new ProcessInfo(pid, RawEvent.NO_TIME, 1, name, "/usr/bin/" + name,
                name, null, null, null, null));
    }

    public static ProcessEvent exec(double t, int pid, int ppid, String name) {
        return new ProcessEvent(at(t), true, new ProcessInfo(pid, RawEvent.NO_TIME, ppid, name, "/usr/bin/" + name,
                name, null, null, null, null));
    }

    public static ProcessEvent container(double t, int pid, String name, String id, String containerName) {
        return new ProcessEvent(at(t), false, new ProcessInfo(pid, RawEvent.NO_TIME, 1, name, "/usr/bin/" + name,
                name, null, id, containerName, null));
    }

    /** Seconds after T0 with millisecond precision, for readable expectations. */
    public static String rel(long ts) {
        return String.format(java.util.Locale.ROOT, "%.3f", (ts - T0) / 1e9);
    }
}
