package io.syswire.output;

import io.syswire.config.Meta;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.machine.Trace;
import io.syswire.machine.Transition;
import io.syswire.pipeline.RunSink;
import io.syswire.pipeline.RunSummary;

import java.io.PrintWriter;

/** Prints each trace as one JSON line the moment it closes ({@code record --json}). */
public final class JsonTraceSink implements RunSink {
    private final PrintWriter out;
    private final Meta meta;

    public JsonTraceSink(PrintWriter out, Meta meta) {
        this.out = out;
        this.meta = meta;
    }

    @Override
    public void traceClosed(Trace t) {
        out.println(TraceDocument.json(t, meta));
        out.flush();
    }

    @Override
    public void raw(RawEvent e, long seq) {
    }

    @Override
    public void transition(Transition t) {
    }

    @Override
    public void processSeen(int procNo, ProcessInfo p, long ts) {
    }

    @Override
    public void imageStarted(int procNo, ProcessInfo p, long ts) {
    }

    @Override
    public void processExited(int procNo, ProcessInfo p, long ts, Integer code) {
    }

    @Override
    public void finish(RunSummary summary) {
        out.flush();
    }

    @Override
    public void abort(Throwable cause) {
        out.flush();
    }
}
