package io.syswire.pipeline;

import io.syswire.event.RawEvent;
import io.syswire.machine.MachineListener;

/**
 * Where a run goes: the case database, JSON on stdout, or both. It gets the raw events in
 * order (runs that keep evidence store them) and everything the state machine decides.
 */
public interface RunSink extends MachineListener {
    void raw(RawEvent e, long seq);

    /** The run ended normally; make everything durable. */
    void finish(RunSummary summary);

    /**
     * The run failed. An import or replay leaves nothing behind; a live run keeps what it
     * recorded, marked interrupted.
     */
    void abort(Throwable cause);
}
