package io.syswire.ops;

import io.syswire.config.ConfigJson;
import io.syswire.config.Setting;
import io.syswire.config.Settings;
import io.syswire.store.CaseStore;
import io.syswire.store.RunInfo;
import io.syswire.store.Times;
import io.syswire.time.Rfc3339;
import org.jooq.Record;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.syswire.store.schema.Tables.TRACES;
import static io.syswire.store.schema.Tables.TRACE_EVENTS;
import static io.syswire.store.schema.Tables.TRANSITIONS;

/**
 * How two runs differ: configuration, traces added, removed and changed (a larger maxtrace
 * adds context), and transition counts. Traces of runs over the same raw events are matched
 * by their tripwire's raw event; otherwise by pid, process start and tripwire time.
 */
public final class RunDiff {
    /** A trace, reduced to what the comparison looks at. */
    public record TraceKey(int traceId, int pid, String process, String tripwire, long tripwireTs, String endReason,
                           List<String> context, List<Long> contextSeqs, boolean complete) {
    }

    public record Changed(TraceKey a, TraceKey b, List<String> addedContext, List<String> removedContext) {
    }

    public record Result(RunInfo a, RunInfo b, boolean sameEvidence, Map<String, String[]> configChanges,
                         List<TraceKey> added, List<TraceKey> removed, List<Changed> changed, int unchanged,
                         Map<String, int[]> transitions) {
        public boolean identical() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty()
                    && transitions.values().stream().allMatch(c -> c[0] == c[1]);
        }
    }

    private RunDiff() {
    }

    public static Result compare(CaseStore store, RunInfo a, RunInfo b) {
        boolean same = store.evidenceRun(a).runId() == store.evidenceRun(b).runId();
        Map<Object, TraceKey> ta = traces(store, a.runId(), same);
        Map<Object, TraceKey> tb = traces(store, b.runId(), same);
        List<TraceKey> added = new ArrayList<>();
        List<TraceKey> removed = new ArrayList<>();
        List<Changed> changed = new ArrayList<>();
        int unchanged = 0;
        for (Map.Entry<Object, TraceKey> e : ta.entrySet()) {
            TraceKey y = tb.get(e.getKey());
            TraceKey x = e.getValue();
            if (y == null) {
                removed.add(x);
            } else if (x.contextSeqs().equals(y.contextSeqs()) && x.context().equals(y.context())
                    && x.endReason().equals(y.endReason()) && x.complete() == y.complete()) {
                unchanged++;
            } else {
                changed.add(new Changed(x, y, minus(y, x), minus(x, y)));
            }
        }
        for (Map.Entry<Object, TraceKey> e : tb.entrySet()) {
            if (!ta.containsKey(e.getKey())) {
                added.add(e.getValue());
            }
        }
        return new Result(a, b, same, configChanges(a, b), added, removed, changed, unchanged, transitions(store, a, b));
    }

    /** Context syscalls in {@code x} that {@code y} lacks, matched by raw event (or position). */
    private static List<String> minus(TraceKey x, TraceKey y) {
        List<String> out = new ArrayList<>();
        Set<Long> ys = new LinkedHashSet<>(y.contextSeqs());
        for (int i = 0; i < x.context().size(); i++) {
            Long seq = x.contextSeqs().get(i);
            boolean present = seq != null ? ys.contains(seq) : i < y.context().size() && y.context().get(i).equals(x.context().get(i));
            if (!present) {
                out.add(x.context().get(i));
            }
        }
        return out;
    }

    private static Map<Object, TraceKey> traces(CaseStore store, int runId, boolean byRawSeq) {
        Map<Integer, List<Record>> events = new HashMap<>();
        for (Record r : store.sql().select(TRACE_EVENTS.TRACE_ID, TRACE_EVENTS.ORDINAL, TRACE_EVENTS.SYSCALL, TRACE_EVENTS.RAW_SEQ)
                .from(TRACE_EVENTS).where(TRACE_EVENTS.RUN_ID.eq(runId))
                .orderBy(TRACE_EVENTS.TRACE_ID, TRACE_EVENTS.ORDINAL).fetch()) {
            events.computeIfAbsent(r.get(TRACE_EVENTS.TRACE_ID), k -> new ArrayList<>()).add(r);
        }
        Map<Object, TraceKey> out = new LinkedHashMap<>();
        for (var t : store.sql().selectFrom(TRACES).where(TRACES.RUN_ID.eq(runId)).orderBy(TRACES.TRACE_ID).fetch()) {
            List<String> ctx = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            Long tripSeq = null;
            for (Record e : events.getOrDefault(t.getTraceId(), List.of())) {
                if (e.get(TRACE_EVENTS.ORDINAL) == 0) {
                    tripSeq = e.get(TRACE_EVENTS.RAW_SEQ);
                } else {
                    ctx.add(e.get(TRACE_EVENTS.SYSCALL));
                    seqs.add(e.get(TRACE_EVENTS.RAW_SEQ));
                }
            }
            long ts = Times.nanos(t.getTripwireTs());
            TraceKey k = new TraceKey(t.getTraceId(), t.getPid(), t.getProcessName(), t.getTripwireSyscall(), ts,
                    t.getEndReason(), ctx, byRawSeq ? seqs : nulls(seqs.size()), t.getComplete());
            Object key = byRawSeq && tripSeq != null ? tripSeq
                    : List.of(t.getPid(), Objects.toString(t.getStartTime()), ts, t.getTripwireSyscall());
            out.put(key, k);
        }
        return out;
    }

    private static List<Long> nulls(int n) {
        List<Long> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(null);
        }
        return l;
    }

    private static Map<String, String[]> configChanges(RunInfo a, RunInfo b) {
        Map<String, String> ca = flat(a);
        Map<String, String> cb = flat(b);
        Map<String, String[]> out = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>(ca.keySet());
        keys.addAll(cb.keySet());
        for (String k : keys) {
            if (!Objects.equals(ca.get(k), cb.get(k))) {
                out.put(k, new String[] {ca.get(k), cb.get(k)});
            }
        }
        return out;
    }

    private static Map<String, String> flat(RunInfo r) {
        Map<String, String> m = new LinkedHashMap<>();
        if (!r.hasConfig()) {
            return m;
        }
        Settings s = ConfigJson.settings(r.configJson());
        for (Map.Entry<Setting, String> e : s.values().entrySet()) {
            m.put(e.getKey().key(), e.getValue());
        }
        if (s.scope() != null) {
            m.put("scope", s.scope());
        }
        return m;
    }

    private static Map<String, int[]> transitions(CaseStore store, RunInfo a, RunInfo b) {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (int side = 0; side < 2; side++) {
            int run = side == 0 ? a.runId() : b.runId();
            for (var r : store.sql().select(TRANSITIONS.FROM_STATE, TRANSITIONS.TO_STATE, TRANSITIONS.CAUSE, org.jooq.impl.DSL.count())
                    .from(TRANSITIONS).where(TRANSITIONS.RUN_ID.eq(run))
                    .groupBy(TRANSITIONS.FROM_STATE, TRANSITIONS.TO_STATE, TRANSITIONS.CAUSE)
                    .orderBy(TRANSITIONS.FROM_STATE, TRANSITIONS.TO_STATE, TRANSITIONS.CAUSE).fetch()) {
                String key = r.value1() + " -> " + r.value2() + " (" + r.value3() + ")";
                out.computeIfAbsent(key, k -> new int[2])[side] = r.value4();
            }
        }
        return out;
    }

    /** The diff as text, the way {@code syswire diff} prints it. */
    public static String text(Result r) {
        StringBuilder b = new StringBuilder();
        b.append("run ").append(r.a().runId()).append(" -> run ").append(r.b().runId())
                .append(r.sameEvidence() ? " (same raw events)" : " (different raw events: traces matched by pid and time)")
                .append('\n');
        r.configChanges().forEach((k, v) -> b.append("  ").append(k).append(": ").append(show(v[0])).append(" -> ")
                .append(show(v[1])).append('\n'));
        b.append("traces: ").append(r.changed().size()).append(" changed, ").append(r.added().size()).append(" added, ")
                .append(r.removed().size()).append(" removed, ").append(r.unchanged()).append(" unchanged\n");
        for (Changed c : r.changed()) {
            b.append("~ trace ").append(c.a().traceId()).append(" -> ").append(c.b().traceId()).append(": ")
                    .append(who(c.b())).append('\n');
            b.append("    context ").append(c.a().context().size()).append(" -> ").append(c.b().context().size());
            for (String s : c.addedContext()) {
                b.append(" +").append(s);
            }
            for (String s : c.removedContext()) {
                b.append(" -").append(s);
            }
            if (!c.a().endReason().equals(c.b().endReason())) {
                b.append("; end ").append(c.a().endReason()).append(" -> ").append(c.b().endReason());
            }
            if (c.a().complete() != c.b().complete()) {
                b.append("; complete ").append(c.a().complete()).append(" -> ").append(c.b().complete());
            }
            b.append('\n');
        }
        for (TraceKey t : r.added()) {
            b.append("+ trace ").append(t.traceId()).append(": ").append(who(t)).append(", ")
                    .append(t.context().size()).append(" context, end ").append(t.endReason()).append('\n');
        }
        for (TraceKey t : r.removed()) {
            b.append("- trace ").append(t.traceId()).append(": ").append(who(t)).append(", ")
                    .append(t.context().size()).append(" context, end ").append(t.endReason()).append('\n');
        }
        boolean header = false;
        for (Map.Entry<String, int[]> e : r.transitions().entrySet()) {
            int[] c = e.getValue();
            if (c[0] != c[1]) {
                if (!header) {
                    b.append("transitions that differ:\n");
                    header = true;
                }
                b.append("  ").append(e.getKey()).append(": ").append(c[0]).append(" -> ").append(c[1]).append('\n');
            }
        }
        if (!header) {
            b.append("transitions: the same counts in both runs\n");
        }
        return b.toString();
    }

    private static String who(TraceKey t) {
        return "pid " + t.pid() + (t.process() != null ? " " + t.process() : "") + ", " + t.tripwire() + " at "
                + Rfc3339.format(t.tripwireTs());
    }

    private static String show(String v) {
        return v == null ? "(none)" : v.isEmpty() ? "\"\"" : v;
    }
}
