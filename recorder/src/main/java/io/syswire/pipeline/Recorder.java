package io.syswire.pipeline;

import io.syswire.event.RawEvent;
import io.syswire.machine.StateMachine;

import java.io.IOException;
import java.time.Duration;

/**
 * The pipeline: raw events from a {@link Source} are numbered, handed to the {@link RunSink}
 * as evidence and to the {@link StateMachine}, whose decisions go to the same sink. Live
 * recording, import and replay are all this, with different sources and sinks.
 */
public final class Recorder implements RawEventHandler {
    private final StateMachine machine;
    private final RunSink sink;
    private final long startNanos = System.nanoTime();
    private long seq;
    private long firstTs = RawEvent.NO_TIME;
    private long lastTs = RawEvent.NO_TIME;

    /** @param machine null to only store raw events (an import without configuration) */
    public Recorder(StateMachine machine, RunSink sink) {
        this.machine = machine;
        this.sink = sink;
    }

    @Override
    public void accept(RawEvent e) {
        long s = ++seq;
        long ts = e.ts();
        if (firstTs == RawEvent.NO_TIME) {
            firstTs = ts;
        }
        if (ts > lastTs) {
            lastTs = ts;
        }
        // The machine first: what it decides about an event reaches the sink before the event
        // itself, so a live run's commit (made as an event is stored) always holds an event
        // together with everything it caused, and a run cut off there still reproduces.
        if (machine != null) {
            machine.apply(e, s);
        }
        sink.raw(e, s);
    }

    /** Drains the source through the pipeline and completes the run; on failure the sink aborts it. */
    public RunSummary run(Source source) throws IOException {
        try {
            source.drain(this);
            return finish(source.kernelCounters());
        } catch (IOException | RuntimeException | Error e) {
            sink.abort(e);
            throw e;
        }
    }

    public RunSummary finish(RunSummary.KernelCounters kernel) {
        if (machine != null) {
            machine.finish();
        }
        RunSummary summary = new RunSummary(seq, firstTs, lastTs, machine != null ? machine.stats() : null, kernel,
                Duration.ofNanos(System.nanoTime() - startNanos));
        sink.finish(summary);
        return summary;
    }
}
