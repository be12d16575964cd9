package io.syswire.store;

import io.syswire.config.Meta;
import io.syswire.event.Args;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.kernel.CapabilitySet;
import io.syswire.machine.Trace;
import io.syswire.machine.TraceEvent;
import io.syswire.machine.Transition;
import io.syswire.output.Json;
import io.syswire.output.TraceDocument;
import org.jooq.Field;
import org.jooq.JSON;

import java.util.ArrayList;
import java.util.List;

import static io.syswire.store.schema.Tables.TRACES;
import static io.syswire.store.schema.Tables.TRACE_EVENTS;
import static io.syswire.store.schema.Tables.TRANSITIONS;

/**
 * What the state machine's decisions become as rows: one definition, used by the writer that
 * stores them and by {@code verify}, which recomputes them from the raw log and compares.
 */
public final class RunRows {
    static final Field<?>[] TRACE_COLUMNS = {TRACES.RUN_ID, TRACES.TRACE_ID, TRACES.PID, TRACES.START_TIME,
        TRACES.PROCESS_NAME, TRACES.TRIPWIRE_SYSCALL, TRACES.TRIPWIRE_TS, TRACES.TRIPWIRE_TID, TRACES.CAP_EFFECTIVE,
        TRACES.CAP_PERMITTED, TRACES.ELEVATED, TRACES.CONTEXT_COUNT, TRACES.END_REASON, TRACES.CLOSED_TS,
        TRACES.COMPLETE, TRACES.LOST_EVENTS, TRACES.DOC};
    static final Field<?>[] TRACE_EVENT_COLUMNS = {TRACE_EVENTS.RUN_ID, TRACE_EVENTS.TRACE_ID, TRACE_EVENTS.ORDINAL,
        TRACE_EVENTS.ROLE, TRACE_EVENTS.SYSCALL, TRACE_EVENTS.TS, TRACE_EVENTS.TID, TRACE_EVENTS.ARGS, TRACE_EVENTS.RET,
        TRACE_EVENTS.RAW_SEQ};
    static final Field<?>[] TRANSITION_COLUMNS = {TRANSITIONS.RUN_ID, TRANSITIONS.SEQ, TRANSITIONS.TS, TRANSITIONS.PID,
        TRANSITIONS.START_TIME, TRANSITIONS.PROCESS_NAME, TRANSITIONS.FROM_STATE, TRANSITIONS.TO_STATE,
        TRANSITIONS.CAUSE, TRANSITIONS.SYSCALL, TRANSITIONS.CAP_EFFECTIVE, TRANSITIONS.CAP_PERMITTED,
        TRANSITIONS.TRACE_ID, TRANSITIONS.RAW_SEQ};

    private RunRows() {
    }

    static Object[] transition(int runId, Transition t) {
        return new Object[] {runId, t.seq(), Times.sql(t.ts()), t.pid(), Times.sql(t.startTime()), t.processName(),
            t.from().label(), t.to().label(), t.cause().label(), t.syscall(),
            t.judged() ? CapabilitySet.hex(t.capEffective()) : null,
            t.judged() ? CapabilitySet.hex(t.capPermitted()) : null,
            t.traceId() == 0 ? null : t.traceId(), t.rawSeq() < 0 ? null : t.rawSeq()};
    }

    static Object[] trace(int runId, Trace t, Meta meta) {
        ProcessInfo p = t.process();
        TraceEvent tw = t.tripwire();
        return new Object[] {runId, t.traceId(), p.pid(), Times.sql(p.startTime()), p.name(), tw.syscall(),
            Times.sql(tw.ts()), tw.tid() == RawEvent.NO_PID ? null : tw.tid(), CapabilitySet.hex(t.capEffective()),
            CapabilitySet.hex(t.capPermitted()), String.join("+", CapabilitySet.labels(t.elevatedHeld())),
            t.context().size(), t.endReason().label(), Times.sql(t.closedTs()), t.complete(), t.lostEvents(),
            JSON.json(TraceDocument.json(t, meta))};
    }

    /** The tripwire, then the context events in order. */
    static List<Object[]> traceEvents(int runId, Trace t) {
        List<Object[]> out = new ArrayList<>(1 + t.context().size());
        out.add(traceEvent(runId, t.traceId(), t.tripwire()));
        for (TraceEvent e : t.context()) {
            out.add(traceEvent(runId, t.traceId(), e));
        }
        return out;
    }

    private static Object[] traceEvent(int runId, int traceId, TraceEvent e) {
        return new Object[] {runId, traceId, e.ordinal(), e.isTripwire() ? "tripwire" : "context", e.syscall(),
            Times.sql(e.ts()), e.tid() == RawEvent.NO_PID ? null : e.tid(), args(e.args()),
            e.hasRet() ? e.ret() : null, e.rawSeq()};
    }

    static JSON args(Args a) {
        return JSON.json(Json.text(a.asMap()));
    }
}
