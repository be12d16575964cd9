package io.syswire.pipeline;

import io.syswire.machine.MachineStats;

import java.time.Duration;

/**
 * What a run did. {@code machine} is null for an import that only stored raw events;
 * {@code kernel} is null unless the run was recorded live.
 */
public record RunSummary(long rawEvents, long firstTs, long lastTs, MachineStats machine, KernelCounters kernel,
                         Duration elapsed) {

    /** The kernel program's counters for a live run. */
    public record KernelCounters(long seen, long forwarded, long dropped, long readFailures) {
    }

    public long lostEvents() {
        if (machine != null) {
            return machine.lostEvents();
        }
        return kernel != null ? kernel.dropped() : 0;
    }
}
