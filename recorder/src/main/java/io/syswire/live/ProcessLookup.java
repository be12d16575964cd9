package io.syswire.live;

import io.syswire.event.ProcessInfo;

/** Completes what a kernel record says about a process with what /proc says about it. */
@FunctionalInterface
public interface ProcessLookup {
    /**
     * @param known    what the record gave (pid, start time, ppid, comm as name, maybe the exec'd path and argv)
     * @param mntNs    the task's mount namespace inode as the kernel reported it (0: unknown)
     * @param cgroupId the task's cgroup v2 id as the kernel reported it (0: unknown)
     * @return the fuller description: from /proc while the process is there, else {@code known}
     * completed with what the kernel's ids tell (namespace, container)
     */
    ProcessInfo describe(ProcessInfo known, long mntNs, long cgroupId);
}
