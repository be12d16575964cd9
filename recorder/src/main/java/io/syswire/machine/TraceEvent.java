package io.syswire.machine;

import io.syswire.event.Args;

/** A syscall in a trace: the tripwire (ordinal 0) or a context event. */
public record TraceEvent(int ordinal, long rawSeq, long ts, int tid, int nr, String syscall, Args args, long ret,
                         boolean hasRet) {
    public boolean isTripwire() {
        return ordinal == 0;
    }
}
