package io.syswire.pipeline;

import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.machine.Trace;
import io.syswire.machine.Transition;

/** Two sinks fed the same run, first then second (the case database, then JSON on stdout). */
public record BothSinks(RunSink first, RunSink second) implements RunSink {
    @Override
    public void raw(RawEvent e, long seq) {
        first.raw(e, seq);
        second.raw(e, seq);
    }

    @Override
    public void transition(Transition t) {
        first.transition(t);
        second.transition(t);
    }

    @Override
    public void traceClosed(Trace t) {
        first.traceClosed(t);
        second.traceClosed(t);
    }

    @Override
    public void processSeen(int procNo, ProcessInfo p, long ts) {
        first.processSeen(procNo, p, ts);
        second.processSeen(procNo, p, ts);
    }

    @Override
    public void imageStarted(int procNo, ProcessInfo p, long ts) {
        first.imageStarted(procNo, p, ts);
        second.imageStarted(procNo, p, ts);
    }

    @Override
    public void processExited(int procNo, ProcessInfo p, long ts, Integer code) {
        first.processExited(procNo, p, ts, code);
        second.processExited(procNo, p, ts, code);
    }

    @Override
    public void finish(RunSummary summary) {
        first.finish(summary);
        second.finish(summary);
    }

    @Override
    public void abort(Throwable cause) {
        first.abort(cause);
        second.abort(cause);
    }
}
