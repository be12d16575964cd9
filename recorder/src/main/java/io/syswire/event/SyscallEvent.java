package io.syswire.event;

/**
 * A syscall made by thread {@code tid} of process {@code pid} (the tgid), with the
 * calling thread's capability sets at entry. Absent ints are {@link #NO_PID}, absent
 * times {@link #NO_TIME}, absent namespace and cgroup ids 0; {@link #hasRet} says whether
 * the return value is known.
 */
public record SyscallEvent(long ts, int pid, int tid, int ppid, long startTime, String comm, int uid, int gid,
                           long capEffective, long capPermitted, long capInheritable, boolean hasCapInheritable,
                           int nr, Args args, long ret, boolean hasRet, long mntNs, long pidNs, long cgroupId)
        implements RawEvent {

    public SyscallEvent {
        // A value that is absent is zero, so equal records are equal however they were made.
        if (!hasRet) {
            ret = 0;
        }
        if (!hasCapInheritable) {
            capInheritable = 0;
        }
    }

    @Override
    public Kind kind() {
        return Kind.SYSCALL;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.syscall(this);
    }
}
