package io.syswire.pipeline;

import java.io.IOException;

/**
 * Where raw events come from: the live kernel, a raw log file, or a run stored in a case.
 * {@link #drain} hands every event, in log order, to the handler and returns when the
 * source is exhausted (or, live, when the recording is stopped).
 */
public interface Source extends AutoCloseable {
    void drain(RawEventHandler handler) throws IOException;

    /** The kernel program's counters, for a live source once drained; null for stored sources. */
    default RunSummary.KernelCounters kernelCounters() {
        return null;
    }

    @Override
    void close() throws IOException;
}
