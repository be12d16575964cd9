package io.syswire.store;

import io.syswire.config.Meta;
import io.syswire.event.ProcessInfo;
import io.syswire.lake.LakeColumn;
import io.syswire.lake.LakeTable;
import io.syswire.machine.MachineListener;
import io.syswire.machine.Trace;
import io.syswire.machine.Transition;
import org.jooq.Field;
import org.jooq.JSON;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What the state machine decides, as rows of the lake's {@code traces}, {@code trace_events}
 * and {@code transitions} ({@link LakeTable} columns): the rows the case writer stores
 * ({@link RunRows}, the one definition), without the run id, which a lake partition carries.
 * The fleet replay writes them.
 */
public final class MachineRows implements MachineListener {
    /** Takes each row as it is made. */
    @FunctionalInterface
    public interface Consumer {
        void row(LakeTable table, Object[] values);
    }

    private static final int RUN_ID = 0;
    private final Meta meta;
    private final Consumer out;
    private final int[] traceMap = map(LakeTable.TRACES, RunRows.TRACE_COLUMNS);
    private final int[] traceEventMap = map(LakeTable.TRACE_EVENTS, RunRows.TRACE_EVENT_COLUMNS);
    private final int[] transitionMap = map(LakeTable.TRANSITIONS, RunRows.TRANSITION_COLUMNS);

    public MachineRows(Meta meta, Consumer out) {
        this.meta = meta;
        this.out = out;
    }

    /** For each lake column, the index of the same column in the writer's row. */
    private static int[] map(LakeTable table, Field<?>[] columns) {
        int[] m = new int[table.columns().size()];
        List<String> names = java.util.Arrays.stream(columns).map(f -> f.getName().toLowerCase(java.util.Locale.ROOT)).toList();
        for (int i = 0; i < m.length; i++) {
            m[i] = names.indexOf(table.columns().get(i).name());
            if (m[i] < 0) {
                throw new IllegalStateException(table.dir() + "." + table.columns().get(i).name() + " is not a column the writer makes");
            }
        }
        if (!names.get(RUN_ID).equals("run_id") || names.size() != m.length + 1) {
            throw new IllegalStateException(table.dir() + ": the lake's columns and the writer's differ");
        }
        return m;
    }

    private void emit(LakeTable table, int[] map, Object[] row) {
        Object[] v = new Object[map.length];
        for (int i = 0; i < map.length; i++) {
            Object x = row[map[i]];
            if (x instanceof OffsetDateTime t) {
                x = Times.nanos(t);
            } else if (x instanceof JSON j) {
                x = j.data();
            } else if (x instanceof Number n) {
                x = table.columns().get(i).type() == LakeColumn.Type.INT32 ? (Object) n.intValue() : (Object) n.longValue();
            }
            v[i] = x;
        }
        out.row(table, v);
    }

    @Override
    public void transition(Transition t) {
        emit(LakeTable.TRANSITIONS, transitionMap, RunRows.transition(0, t));
    }

    @Override
    public void traceClosed(Trace t) {
        emit(LakeTable.TRACES, traceMap, RunRows.trace(0, t, meta));
        for (Object[] e : RunRows.traceEvents(0, t)) {
            emit(LakeTable.TRACE_EVENTS, traceEventMap, e);
        }
    }

    // the fleet writes no processes table: the lake has the evidence run's
    @Override
    public void processSeen(int procNo, ProcessInfo p, long ts) {
    }

    @Override
    public void imageStarted(int procNo, ProcessInfo p, long ts) {
    }

    @Override
    public void processExited(int procNo, ProcessInfo p, long ts, Integer code) {
    }
}
