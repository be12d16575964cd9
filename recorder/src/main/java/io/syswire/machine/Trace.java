package io.syswire.machine;

import io.syswire.event.ProcessInfo;

import java.util.List;

/**
 * A closed trace: the process as it was at the tripwire (the image that made the call), the
 * parent images known at that moment ({@code ancestry}, nearest first), the tripwire, the
 * context events in order, the images the process exec'd while it was traced ({@code execs}),
 * and how it ended. {@code lostEvents} counts records the kernel dropped while it
 * was open; such a trace may be missing context and is not {@link #complete}.
 */
public record Trace(int traceId, ProcessInfo process, List<ProcessInfo> ancestry, TraceEvent tripwire,
                    List<TraceEvent> context, List<Image> execs, long capEffective, long capPermitted,
                    long elevatedHeld, Cause endReason, long closedTs, long lostEvents) {
    public Trace {
        ancestry = List.copyOf(ancestry);
        context = List.copyOf(context);
        execs = List.copyOf(execs);
    }

    public boolean complete() {
        return lostEvents == 0;
    }
}
