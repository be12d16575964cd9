package io.syswire.machine;

import io.syswire.event.ProcessInfo;

import java.util.List;

/**
 * A closed trace: the process as it was at the tripwire, the tripwire, the context events
 * in order, and how it ended. {@code lostEvents} counts records the kernel dropped while it
 * was open; such a trace may be missing context and is not {@link #complete}.
 */
public record Trace(int traceId, ProcessInfo process, TraceEvent tripwire, List<TraceEvent> context,
                    long capEffective, long capPermitted, long elevatedHeld, Cause endReason, long closedTs,
                    long lostEvents) {
    public Trace {
        context = List.copyOf(context);
    }

    public boolean complete() {
        return lostEvents == 0;
    }
}
