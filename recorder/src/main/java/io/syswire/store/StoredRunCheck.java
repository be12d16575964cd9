package io.syswire.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.syswire.config.Meta;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.machine.Trace;
import io.syswire.machine.Transition;
import io.syswire.output.Json;
import io.syswire.pipeline.RunSink;
import io.syswire.pipeline.RunSummary;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.Record;
import org.jooq.Result;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import static io.syswire.store.schema.Tables.TRACES;
import static io.syswire.store.schema.Tables.TRACE_EVENTS;
import static io.syswire.store.schema.Tables.TRANSITIONS;

/**
 * A sink that, instead of writing a run, compares what the state machine decides with what a
 * run stored: every transition in order, every trace with its events, row by row and column by
 * column through the writer's own row definitions ({@link RunRows}). The first difference is kept.
 */
public final class StoredRunCheck implements RunSink {
    private static final int PAGE = 5000;

    private final DSLContext sql;
    private final int runId;
    private final Meta meta;
    private String difference;
    private int transitions;
    private int traces;
    private Iterator<Record> storedTransitions = List.<Record>of().iterator();
    private int lastSeq = Integer.MIN_VALUE;

    public StoredRunCheck(CaseStore store, int runId, Meta meta) {
        this.sql = store.sql();
        this.runId = runId;
        this.meta = meta;
    }

    /** The first difference found, in words, or null when everything so far reproduces. */
    public String difference() {
        return difference;
    }

    public int transitions() {
        return transitions;
    }

    public int traces() {
        return traces;
    }

    /** After the last event: the run must store nothing more than what was reproduced. */
    public void checkNothingMore() {
        if (difference != null) {
            return;
        }
        int storedTraces = sql.fetchCount(TRACES, TRACES.RUN_ID.eq(runId));
        int storedTransitions = sql.fetchCount(TRANSITIONS, TRANSITIONS.RUN_ID.eq(runId));
        if (storedTraces != traces) {
            difference = "it stores " + storedTraces + " traces, its raw events give " + traces;
        } else if (storedTransitions != transitions) {
            difference = "it stores " + storedTransitions + " transitions, its raw events give " + transitions;
        }
    }

    @Override
    public void raw(RawEvent e, long seq) {
    }

    @Override
    public void transition(Transition t) {
        transitions++;
        if (difference != null) {
            return;
        }
        Record stored = nextStoredTransition();
        if (stored == null) {
            difference = "transition " + t.seq() + " is missing";
            return;
        }
        String column = differs(RunRows.TRANSITION_COLUMNS, RunRows.transition(runId, t), stored);
        if (column != null) {
            difference = "transition " + t.seq() + " is not what its raw events give (" + column + " differs)";
        }
    }

    private Record nextStoredTransition() {
        if (!storedTransitions.hasNext()) {
            Result<Record> page = sql.select(RunRows.TRANSITION_COLUMNS).from(TRANSITIONS)
                    .where(TRANSITIONS.RUN_ID.eq(runId).and(TRANSITIONS.SEQ.gt(lastSeq)))
                    .orderBy(TRANSITIONS.SEQ).limit(PAGE).fetch();
            if (page.isEmpty()) {
                return null;
            }
            lastSeq = page.get(page.size() - 1).get(TRANSITIONS.SEQ);
            storedTransitions = page.iterator();
        }
        return storedTransitions.next();
    }

    @Override
    public void traceClosed(Trace t) {
        traces++;
        if (difference != null) {
            return;
        }
        Record stored = sql.select(RunRows.TRACE_COLUMNS).from(TRACES)
                .where(TRACES.RUN_ID.eq(runId).and(TRACES.TRACE_ID.eq(t.traceId()))).fetchOne();
        if (stored == null) {
            difference = "trace " + t.traceId() + " is missing";
            return;
        }
        String column = differs(RunRows.TRACE_COLUMNS, RunRows.trace(runId, t, meta), stored);
        if (column != null) {
            difference = "trace " + t.traceId() + " is not what its raw events give (" + column + " differs)";
            return;
        }
        List<Object[]> events = RunRows.traceEvents(runId, t);
        Result<Record> storedEvents = sql.select(RunRows.TRACE_EVENT_COLUMNS).from(TRACE_EVENTS)
                .where(TRACE_EVENTS.RUN_ID.eq(runId).and(TRACE_EVENTS.TRACE_ID.eq(t.traceId())))
                .orderBy(TRACE_EVENTS.ORDINAL).fetch();
        if (storedEvents.size() != events.size()) {
            difference = "trace " + t.traceId() + " stores " + storedEvents.size() + " events, its raw events give "
                    + events.size();
            return;
        }
        for (int i = 0; i < events.size(); i++) {
            column = differs(RunRows.TRACE_EVENT_COLUMNS, events.get(i), storedEvents.get(i));
            if (column != null) {
                difference = "event " + i + " of trace " + t.traceId() + " is not what its raw events give (" + column
                        + " differs)";
                return;
            }
        }
    }

    /** The first column whose stored value is not the recomputed one, or null. */
    private static String differs(Field<?>[] columns, Object[] expected, Record stored) {
        for (int i = 0; i < columns.length; i++) {
            Object want = columns[i].getDataType().convert(expected[i]);
            Object have = stored.get(i);
            if (!same(want, have)) {
                return columns[i].getName().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return null;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof JSON x && b instanceof JSON y) {
            return tree(x).equals(tree(y));
        }
        return Objects.equals(a, b);
    }

    private static JsonNode tree(JSON j) {
        try {
            return Json.MAPPER.readTree(j.data());
        } catch (IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(j.data());
        }
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
        checkNothingMore();
    }

    @Override
    public void abort(Throwable cause) {
    }
}
