package io.syswire.live;

import io.syswire.event.ProcessInfo;

/** Completes what a kernel record says about a process with what /proc says about it. */
@FunctionalInterface
public interface ProcessLookup {
    /**
     * @param known what the record gave (pid, start time, ppid, comm as name, maybe the exec'd path)
     * @return the fuller description; {@code known} itself when the process is already gone
     */
    ProcessInfo describe(ProcessInfo known);
}
