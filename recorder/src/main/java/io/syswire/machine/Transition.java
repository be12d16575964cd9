package io.syswire.machine;

import io.syswire.event.RawEvent;

/**
 * One state change of one process. For cause TRIPWIRE, {@code nr} and the capability sets
 * are those judged; otherwise {@code nr} is -1 and the sets {@link RawEvent#NO_TIME}.
 * {@code traceId} is the trace opened or closed (0 for none); {@code rawSeq} the raw event
 * that caused it (-1 for sweeps and the end of the log).
 */
public record Transition(int seq, long ts, int pid, long startTime, String processName, ProcessState from,
                         ProcessState to, Cause cause, int nr, String syscall, long capEffective, long capPermitted,
                         int traceId, long rawSeq) {
    public boolean judged() {
        return cause == Cause.TRIPWIRE;
    }
}
