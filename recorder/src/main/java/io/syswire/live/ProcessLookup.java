package io.syswire.live;

import io.syswire.event.ProcessInfo;

import java.util.Optional;

/** Completes what a kernel record says about a process with what /proc says about it. */
public interface ProcessLookup {
    /**
     * @param known    what the record gave (pid, start time, ppid, comm as name, maybe the exec'd path and argv)
     * @param mntNs    the task's mount namespace inode as the kernel reported it (0: unknown)
     * @param cgroupId the task's cgroup v2 id as the kernel reported it (0: unknown)
     * @return the fuller description: from /proc while the process is there, else {@code known}
     * completed with what the kernel's ids tell (namespace, container)
     */
    ProcessInfo describe(ProcessInfo known, long mntNs, long cgroupId);

    /**
     * A parent the run has not described, as /proc shows it now; empty when it is gone.
     *
     * @param startTime its start time (wall-clock ns) as the kernel knows it, or
     *                  {@link io.syswire.event.RawEvent#NO_TIME}: when given, it is the start
     *                  time described, and a /proc entry that started otherwise is another process
     */
    Optional<ProcessInfo> ancestor(int pid, long startTime);
}
