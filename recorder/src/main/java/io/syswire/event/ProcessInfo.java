package io.syswire.event;

/**
 * What is known about a process at a moment: identity (pid and start time) and the
 * metadata a trace publishes. Immutable; a change (exec) makes a new one.
 * Absent values are null, or {@link RawEvent#NO_PID} / {@link RawEvent#NO_TIME}.
 */
public record ProcessInfo(int pid, long startTime, int ppid, String name, String exe, String cmd, String ns,
                          String containerId, String containerName, String podUid) {

    public static ProcessInfo minimal(int pid, long startTime, int ppid, String name) {
        return new ProcessInfo(pid, startTime, ppid, name, null, null, null, null, null, null);
    }

    /**
     * The metadata a process or exec row carries in raw_events' {@code detail} (and the lake's),
     * in this order, absent values left out: one definition for both.
     */
    public java.util.Map<String, Object> detail() {
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
        String[] keys = {"name", "exe", "cmd", "ns", "container_id", "container_name", "pod_uid"};
        String[] values = {name, exe, cmd, ns, containerId, containerName, podUid};
        for (int k = 0; k < keys.length; k++) {
            if (values[k] != null) {
                d.put(keys[k], values[k]);
            }
        }
        return d;
    }

    public boolean hasStartTime() {
        return startTime != RawEvent.NO_TIME;
    }

    public ProcessInfo withStartTime(long t) {
        return new ProcessInfo(pid, t, ppid, name, exe, cmd, ns, containerId, containerName, podUid);
    }

    /** A forked child: the parent's image, namespace and container, its own pid and start. */
    public ProcessInfo forkedAs(int childPid, long childStart) {
        return new ProcessInfo(childPid, childStart, pid, name, exe, cmd, ns, containerId, containerName, podUid);
    }

    /** Fills what this one lacks from another description of the same process. */
    public ProcessInfo orElse(ProcessInfo o) {
        return new ProcessInfo(pid, hasStartTime() ? startTime : o.startTime, ppid != RawEvent.NO_PID ? ppid : o.ppid,
                name != null ? name : o.name, exe != null ? exe : o.exe, cmd != null ? cmd : o.cmd,
                ns != null ? ns : o.ns, containerId != null ? containerId : o.containerId,
                containerName != null ? containerName : o.containerName, podUid != null ? podUid : o.podUid);
    }
}
