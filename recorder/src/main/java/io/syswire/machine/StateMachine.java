package io.syswire.machine;

import io.syswire.config.Config;
import io.syswire.event.ExitEvent;
import io.syswire.event.ForkEvent;
import io.syswire.event.LostEvent;
import io.syswire.event.ProcessEvent;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.event.SyscallEvent;
import io.syswire.event.TickEvent;
import io.syswire.kernel.SyscallSet;
import io.syswire.kernel.SyscallTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The syswire state machine. One instance serves one run: a live recording, an import or a
 * replay all feed raw events to {@link #apply} in log order and call {@link #finish} at the end.
 *
 * <p>It is deterministic: its only clock is the event time it is fed (the largest {@code ts}
 * seen so far, so slightly out-of-order records never move time backwards), and sweeps are
 * inputs like syscalls. The same raw log and configuration always give the same traces and
 * transitions.
 */
public final class StateMachine {
    /**
     * The rules this machine applies, stored with every run it makes (runs.machine_rules), so
     * that a run is only ever recomputed by the rules that made it. 1: up to schema 3; 2: an
     * exec ends Benign, Dormant and Traced, and traces carry ancestry and execs.
     */
    public static final int RULES = 2;

    private final SyscallTable table;
    private final SyscallSet tripwires;
    private final SyscallSet context;
    private final long elevated;
    private final int maxTrace;
    private final long maxAge;
    private final long evictRate;
    private final MachineListener listener;
    private final ProcessCatalog catalog;
    private final PidMap<Tracked> tracked = new PidMap<>();
    private final Steps steps = new Steps();

    private SweepSchedule sweeps;
    private long clock = Long.MIN_VALUE;
    private int nextTraceId = 1;
    private int nextTransition = 1;
    private long events;
    private long lost;
    private int traces;
    private int incompleteTraces;
    private boolean finished;

    /** A process the machine has a record of (any state but Unknown). */
    private static final class Tracked {
        final int pid;
        ProcessState state = ProcessState.UNKNOWN;
        long since;
        OpenTrace trace;

        Tracked(int pid) {
            this.pid = pid;
        }
    }

    /** A trace being built while its process is Tracing. */
    private static final class OpenTrace {
        final int id;
        final ProcessInfo process;
        final List<ProcessInfo> ancestry;
        final TraceEvent tripwire;
        final long capEffective;
        final long capPermitted;
        final long elevatedHeld;
        final List<TraceEvent> context = new ArrayList<>();
        final List<Image> execs = new ArrayList<>();
        long lost;

        OpenTrace(int id, ProcessInfo process, List<ProcessInfo> ancestry, TraceEvent tripwire, long capEffective,
                  long capPermitted, long elevated) {
            this.id = id;
            this.process = process;
            this.ancestry = ancestry;
            this.tripwire = tripwire;
            this.capEffective = capEffective;
            this.capPermitted = capPermitted;
            this.elevatedHeld = capEffective & elevated;
        }
    }

    public StateMachine(Config config, SyscallTable table, MachineListener listener) {
        this.table = table;
        this.tripwires = config.tripwires();
        this.context = config.context();
        this.elevated = config.capabilities().mask();
        this.maxTrace = config.maxTrace();
        this.maxAge = config.maxAge().toNanos();
        this.evictRate = config.evictRate().toNanos();
        this.listener = listener;
        this.catalog = new ProcessCatalog(listener, this::departed, config.scope());
    }

    /** Applies one raw event; {@code seq} is its position in the raw log, kept as evidence links. */
    public void apply(RawEvent e, long seq) {
        if (finished) {
            throw new IllegalStateException("the state machine has finished");
        }
        events++;
        long ts = e.ts();
        if (sweeps == null) {
            sweeps = new SweepSchedule(ts, evictRate);
        }
        if (ts > clock) {
            clock = ts;
            runDueSweeps();
        }
        steps.seq = seq;
        e.accept(steps);
    }

    /** What each kind of record does to the machine; {@code seq} is the record's, set before each. */
    private final class Steps implements RawEvent.Visitor<Void> {
        long seq;

        @Override
        public Void syscall(SyscallEvent s) {
            onSyscall(s, seq);
            return null;
        }

        @Override
        public Void process(ProcessEvent p) {
            ProcessInfo before = catalog.info(p.info().pid());
            catalog.describe(p.info(), p.ts(), p.exec(), seq);
            if (p.exec()) {
                onExec(p, before, seq);
            }
            return null;
        }

        @Override
        public Void fork(ForkEvent f) {
            catalog.fork(f, seq);
            return null;
        }

        @Override
        public Void exit(ExitEvent x) {
            catalog.exit(x.pid(), x.startTime(), x.ts(), x.code(), seq);
            return null;
        }

        @Override
        public Void tick(TickEvent t) {
            return null; // a tick only moves the clock
        }

        @Override
        public Void lost(LostEvent l) {
            onLost(l.count());
            return null;
        }
    }

    /** The end of the raw log: traces still open close with reason {@code end}. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        for (Tracked t : sortedTracked()) {
            if (t.state == ProcessState.TRACING) {
                int id = t.trace.id;
                closeTrace(t, Cause.END, clock);
                move(t, ProcessState.TRACED, Cause.END, clock, id, null, -1);
            }
        }
    }

    public MachineStats stats() {
        return new MachineStats(events, traces, nextTransition - 1, lost, incompleteTraces, tracked.size());
    }

    /** How many processes the catalog holds now, for the soak benchmark's curve. */
    public int catalogSize() {
        return catalog.size();
    }

    /** The event time the machine has reached (sweeps due by then have run); Long.MIN_VALUE before the first record. */
    public long clock() {
        return clock;
    }

    private void onSyscall(SyscallEvent s, long seq) {
        ProcessCatalog.Entry entry = catalog.observe(s, seq);
        int nr = s.nr();
        boolean isTripwire = tripwires.contains(nr);
        if (!isTripwire && !context.contains(nr)) {
            return;
        }
        Tracked t = tracked.get(s.pid());
        ProcessState state = t == null ? ProcessState.UNKNOWN : t.state;
        switch (state) {
            case TRACING -> {
                OpenTrace tr = t.trace;
                tr.context.add(traceEvent(tr.context.size() + 1, s, seq));
                if (tr.context.size() >= maxTrace) {
                    closeTrace(t, Cause.MAXTRACE, s.ts());
                    move(t, ProcessState.TRACED, Cause.MAXTRACE, s.ts(), tr.id, null, seq);
                }
            }
            case TRACED -> {
                // a cool-down: tripwires are ignored until the process ages off
            }
            default -> {
                if (isTripwire && catalog.inScope(entry)) {
                    judge(t, entry.info, s, seq);
                }
            }
        }
    }

    /**
     * A successful exec. Benign, Dormant and Traced were verdicts on the old image: they end
     * (cause exec), so the new image is judged afresh at its first tripwire. A trace keeps
     * going and records the new image. A pid reuse the exec record revealed has already
     * closed the old process in the catalog, so {@code tracked} no longer holds it.
     */
    private void onExec(ProcessEvent p, ProcessInfo before, long seq) {
        Tracked t = tracked.get(p.info().pid());
        if (t == null) {
            return;
        }
        if (t.state == ProcessState.TRACING) {
            ProcessInfo now = catalog.info(t.pid);
            t.trace.execs.add(new Image(p.ts(), now.name(), now.exe(), now.cmd()));
            return;
        }
        tracked.remove(t.pid);
        // the transition names the image whose verdict ended
        emit(t, p.ts(), t.state, ProcessState.UNKNOWN, Cause.EXEC, 0, null, seq, before);
        t.state = ProcessState.UNKNOWN;
    }

    /** A tripwire from Unknown, Benign or Dormant, judged on the calling thread's credentials. */
    private void judge(Tracked t, ProcessInfo info, SyscallEvent s, long seq) {
        ProcessState to = (s.capEffective() & elevated) != 0 ? ProcessState.TRACING
                : (s.capPermitted() & elevated) != 0 ? ProcessState.DORMANT : ProcessState.BENIGN;
        ProcessState from = t == null ? ProcessState.UNKNOWN : t.state;
        if (to == from) {
            return; // re-judged into the same state: no change, and its age keeps running
        }
        if (t == null) {
            t = new Tracked(s.pid());
            tracked.put(s.pid(), t);
        }
        int traceId = 0;
        if (to == ProcessState.TRACING) {
            traceId = nextTraceId++;
            t.trace = new OpenTrace(traceId, info, catalog.ancestry(info), traceEvent(0, s, seq), s.capEffective(),
                    s.capPermitted(), elevated);
        }
        move(t, to, Cause.TRIPWIRE, s.ts(), traceId, s, seq);
        if (to == ProcessState.TRACING && maxTrace == 0) {
            closeTrace(t, Cause.MAXTRACE, s.ts());
            move(t, ProcessState.TRACED, Cause.MAXTRACE, s.ts(), traceId, null, seq);
        }
    }

    /** The catalog is about to forget a process (exit, or pid reuse). */
    private void departed(ProcessInfo p, long ts, Integer code, long seq) {
        Tracked t = tracked.remove(p.pid());
        if (t == null) {
            return;
        }
        int traceId = 0;
        if (t.state == ProcessState.TRACING) {
            traceId = t.trace.id;
            closeTrace(t, Cause.EXIT, ts);
        }
        emit(t, ts, t.state, ProcessState.UNKNOWN, Cause.EXIT, traceId, null, seq);
        t.state = ProcessState.UNKNOWN;
    }

    private void onLost(long count) {
        lost += count;
        for (Tracked t : tracked.values()) {
            if (t.state == ProcessState.TRACING) {
                t.trace.lost += count;
            }
        }
    }

    private void runDueSweeps() {
        if (tracked.size() == 0) {
            sweeps.skipTo(clock);
            return;
        }
        for (long due = sweeps.nextDue(clock); due != Long.MIN_VALUE; due = sweeps.nextDue(clock)) {
            if (sweeps.peek() <= clock) {
                // more sweeps are due (a gap in the log, or a small evictrate): those before the
                // first that can age anything off change nothing, so they are skipped in one step
                long earliest = earliestSince();
                long idle = earliest > clock - maxAge ? clock : earliest + maxAge;
                if (due <= idle) {
                    sweeps.skipTo(idle);
                    continue;
                }
            }
            sweep(due);
            if (tracked.size() == 0) {
                sweeps.skipTo(clock);
                return;
            }
        }
    }

    private long earliestSince() {
        long min = Long.MAX_VALUE;
        for (Tracked t : tracked.values()) {
            min = Math.min(min, t.since);
        }
        return min;
    }

    /** Ages off every process that has been in its state strictly longer than maxage. */
    private void sweep(long now) {
        for (Tracked t : sortedTracked()) {
            if (now - t.since <= maxAge) {
                continue;
            }
            if (t.state == ProcessState.TRACING) {
                int id = t.trace.id;
                closeTrace(t, Cause.MAXAGE, now);
                move(t, ProcessState.TRACED, Cause.MAXAGE, now, id, null, -1);
            } else {
                tracked.remove(t.pid);
                emit(t, now, t.state, ProcessState.UNKNOWN, Cause.MAXAGE, 0, null, -1);
                t.state = ProcessState.UNKNOWN;
            }
        }
    }

    private List<Tracked> sortedTracked() {
        List<Tracked> all = tracked.values();
        all.sort(Comparator.comparingInt(t -> t.pid));
        return all;
    }

    private void move(Tracked t, ProcessState to, Cause cause, long ts, int traceId, SyscallEvent judged, long seq) {
        emit(t, ts, t.state, to, cause, traceId, judged, seq);
        t.state = to;
        t.since = ts;
    }

    private void emit(Tracked t, long ts, ProcessState from, ProcessState to, Cause cause, int traceId,
                      SyscallEvent judged, long seq) {
        emit(t, ts, from, to, cause, traceId, judged, seq, catalog.info(t.pid));
    }

    private void emit(Tracked t, long ts, ProcessState from, ProcessState to, Cause cause, int traceId,
                      SyscallEvent judged, long seq, ProcessInfo info) {
        if (info == null && t.trace != null) {
            info = t.trace.process;
        }
        long start = info != null ? info.startTime() : RawEvent.NO_TIME;
        String name = info != null ? info.name() : null;
        int nr = judged != null ? judged.nr() : -1;
        listener.transition(new Transition(nextTransition++, ts, t.pid, start, name, from, to, cause, nr,
                judged != null ? table.nameOf(nr) : null,
                judged != null ? judged.capEffective() : RawEvent.NO_TIME,
                judged != null ? judged.capPermitted() : RawEvent.NO_TIME, traceId, seq));
    }

    private void closeTrace(Tracked t, Cause reason, long ts) {
        OpenTrace tr = t.trace;
        t.trace = null;
        traces++;
        if (tr.lost > 0) {
            incompleteTraces++;
        }
        listener.traceClosed(new Trace(tr.id, tr.process, tr.ancestry, tr.tripwire, tr.context, tr.execs,
                tr.capEffective, tr.capPermitted,
                tr.elevatedHeld, reason, ts, tr.lost));
    }

    private TraceEvent traceEvent(int ordinal, SyscallEvent s, long seq) {
        return new TraceEvent(ordinal, seq, s.ts(), s.tid(), s.nr(), table.nameOf(s.nr()), s.args(), s.ret(), s.hasRet());
    }
}
