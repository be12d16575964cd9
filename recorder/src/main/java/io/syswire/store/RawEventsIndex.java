package io.syswire.store;

import io.syswire.event.RawEvent;
import io.syswire.event.SyscallEvent;
import io.syswire.kernel.SyscallTable;
import org.h2.command.query.AllColumnsForPlan;
import org.h2.engine.SessionLocal;
import org.h2.index.Cursor;
import org.h2.index.Index;
import org.h2.index.IndexCondition;
import org.h2.index.IndexType;
import org.h2.message.DbException;
import org.h2.result.Row;
import org.h2.result.SearchRow;
import org.h2.result.SortOrder;
import org.h2.table.IndexColumn;
import org.h2.table.TableFilter;
import org.h2.util.DateTimeUtils;
import org.h2.value.Value;
import org.h2.value.ValueBigint;
import org.h2.value.ValueInteger;
import org.h2.value.ValueNull;
import org.h2.value.ValueTimestampTimeZone;
import org.h2.value.ValueVarchar;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * An index of {@code raw_events} that holds nothing itself: given the range H2 looks up, it
 * picks the blocks that can hold rows in it and decodes only those ({@link RawEventsCursor}).
 */
final class RawEventsIndex extends Index {
    /** What the index pushes down to the blocks. */
    enum Pushdown { SEQ, SEQ_ANY_RUN, PID, TS, SYSCALL, KIND }

    /** A test on a decoded event before it becomes a row: false only for an event outside the range. */
    interface EventFilter {
        boolean mayMatch(RawEvent e, long seq);
    }

    /** The same test on a syswire record before its arguments are read: false only for a call outside the range. */
    interface CallFilter {
        boolean mayMatch(long ts, int pid, int nr, long seq);
    }

    /**
     * Which blocks to decode, and which of their events can be in the range. A plan without a
     * call filter decodes whole blocks and keeps the last one for the next lookup (a join by seq).
     */
    record Plan(Predicate<RawBlockRef> blocks, EventFilter events, CallFilter calls) {
        static final Plan ALL = new Plan(b -> true, (e, s) -> true, null);
    }

    private final Pushdown pushdown;
    private final RawEventsTable events;

    RawEventsIndex(RawEventsTable table, String name, IndexColumn[] cols, IndexType type, Pushdown pushdown) {
        super(table, 0, name, cols, 0, type);
        this.events = table;
        this.pushdown = pushdown;
    }

    @Override
    public Cursor find(SessionLocal session, SearchRow first, SearchRow last, boolean reverse) {
        if (reverse) {
            throw DbException.getUnsupportedException("raw_events in reverse");
        }
        List<RawBlockRef> all = events.blocks(session);
        List<RawBlockRef> chosen = new ArrayList<>();
        Plan plan = pushdown == null ? Plan.ALL : plan(first, last);
        for (RawBlockRef b : all) {
            if (plan.blocks.test(b)) {
                chosen.add(b);
            }
        }
        // a scan returns every row; an index only the rows in its range (H2 still checks the whole condition)
        Predicate<Value[]> inRange = pushdown == null || (first == null && last == null) ? r -> true : r -> {
            Row row = Row.get(r, 0);
            return (first == null || compareRows(row, first) >= 0) && (last == null || compareRows(row, last) <= 0);
        };
        return new RawEventsCursor(session, events, chosen, plan, inRange);
    }

    /** Which blocks and events can hold a row between first and last (inclusive); anything unknown is kept. */
    private Plan plan(SearchRow first, SearchRow last) {
        switch (pushdown) {
            case SEQ, SEQ_ANY_RUN -> {
                Integer runLo = null, runHi = null;
                Long lo, hi;
                if (pushdown == Pushdown.SEQ) {
                    runLo = intOf(first, RawEventsTable.RUN_ID);
                    runHi = intOf(last, RawEventsTable.RUN_ID);
                    boolean oneRun = runLo != null && runLo.equals(runHi);
                    // seq bounds apply within one run only (the index orders by run_id, then seq)
                    lo = oneRun ? longOf(first, RawEventsTable.SEQ) : null;
                    hi = oneRun ? longOf(last, RawEventsTable.SEQ) : null;
                } else {
                    lo = longOf(first, RawEventsTable.SEQ);
                    hi = longOf(last, RawEventsTable.SEQ);
                }
                Integer rl = runLo, rh = runHi;
                // first_seq and event_count are evidence (covered by the chain): no hint involved
                return new Plan(b -> (rl == null || b.runId() >= rl) && (rh == null || b.runId() <= rh)
                        && (lo == null || b.lastSeq() >= lo) && (hi == null || b.firstSeq() <= hi),
                        (e, s) -> (lo == null || s >= lo) && (hi == null || s <= hi), null);
            }
            case PID -> {
                Integer lo = intOf(first, RawEventsTable.PID), hi = intOf(last, RawEventsTable.PID);
                if (lo == null || !lo.equals(hi)) {
                    return Plan.ALL;
                }
                int pid = lo;
                return new Plan(b -> b.summary() == null || b.summary().mayHoldPid(pid),
                        (e, s) -> RawBlockSummary.pidOf(e) == pid, (ts, p, nr, s) -> p == pid);
            }
            case TS -> {
                Long lo = nanosOf(first), hi = nanosOf(last);
                return new Plan(b -> b.summary() == null
                        || ((lo == null || b.summary().maxTs() >= lo) && (hi == null || b.summary().minTs() <= hi)),
                        (e, s) -> (lo == null || e.ts() >= lo) && (hi == null || e.ts() <= hi),
                        (ts, p, nr, s) -> (lo == null || ts >= lo) && (hi == null || ts <= hi));
            }
            case SYSCALL -> {
                String lo = stringOf(first, RawEventsTable.SYSCALL), hi = stringOf(last, RawEventsTable.SYSCALL);
                int found = -1;
                if (lo != null && lo.equals(hi)) {
                    SyscallTable table = SyscallTable.x86_64();
                    for (int n = 0; n < SyscallTable.MAX_NR && found < 0; n++) {
                        if (table.nameOf(n).equals(lo)) {
                            found = n;
                        }
                    }
                }
                if (found < 0) {
                    return Plan.ALL; // no number of the bitmap is shown by that name
                }
                int nr = found;
                return new Plan(b -> b.summary() == null
                        || ((b.summary().kinds() & (1 << RawEvent.Kind.SYSCALL.ordinal())) != 0 && b.summary().mayHoldSyscall(nr)),
                        (e, s) -> e instanceof SyscallEvent c && c.nr() == nr, (ts, p, n, s) -> n == nr);
            }
            case KIND -> {
                String lo = stringOf(first, RawEventsTable.KIND), hi = stringOf(last, RawEventsTable.KIND);
                RawEvent.Kind kind = null;
                for (RawEvent.Kind k : RawEvent.Kind.values()) {
                    if (k.label().equals(lo) && lo.equals(hi)) {
                        kind = k;
                    }
                }
                if (kind == null) {
                    return Plan.ALL;
                }
                RawEvent.Kind want = kind;
                int bit = 1 << kind.ordinal();
                boolean calls = want == RawEvent.Kind.SYSCALL;
                return new Plan(b -> b.summary() == null || (b.summary().kinds() & bit) != 0, (e, s) -> e.kind() == want,
                        (ts, p, nr, s) -> calls);
            }
            default -> {
                return Plan.ALL;
            }
        }
    }

    private static Value valueOf(SearchRow r, int column) {
        Value v = r == null ? null : r.getValue(column);
        return v == null || v == ValueNull.INSTANCE ? null : v;
    }

    private static Integer intOf(SearchRow r, int column) {
        return valueOf(r, column) instanceof ValueInteger v ? v.getInt() : null;
    }

    private static Long longOf(SearchRow r, int column) {
        return valueOf(r, column) instanceof ValueBigint v ? v.getLong() : null;
    }

    private static String stringOf(SearchRow r, int column) {
        return valueOf(r, column) instanceof ValueVarchar v ? v.getString() : null;
    }

    private static Long nanosOf(SearchRow r) {
        if (!(valueOf(r, RawEventsTable.TS) instanceof ValueTimestampTimeZone t)) {
            return null;
        }
        long day = DateTimeUtils.absoluteDayFromDateValue(t.getDateValue());
        return Math.addExact(Math.multiplyExact(day, 86_400_000_000_000L), t.getTimeNanos())
                - t.getTimeZoneOffsetSeconds() * 1_000_000_000L;
    }

    /**
     * Rows H2 can expect to be decoded: a sequence number is one block, the other hints skip
     * blocks by what they hold, a scan reads everything.
     */
    @Override
    public double getCost(SessionLocal session, int[] masks, TableFilter[] filters, int filter, SortOrder sortOrder,
                          AllColumnsForPlan allColumnsSet, boolean isSelectCommand) {
        double rows = events.getRowCountApproximation(session) + 1000;
        if (pushdown == null) {
            return 10 + rows * 1.1;
        }
        int first = masks == null ? 0 : masks[columns[0].getColumnId()];
        boolean eq = (first & IndexCondition.EQUALITY) == IndexCondition.EQUALITY;
        boolean range = (first & (IndexCondition.START | IndexCondition.END)) != 0;
        double cost = switch (pushdown) {
            case SEQ -> {
                int second = masks == null ? 0 : masks[columns[1].getColumnId()];
                if (eq && (second & IndexCondition.EQUALITY) == IndexCondition.EQUALITY) {
                    yield 20;
                }
                if (eq && (second & (IndexCondition.START | IndexCondition.END)) != 0) {
                    yield 20 + rows / 8;
                }
                yield eq ? rows / 2 : range ? rows * 0.9 : Double.MAX_VALUE;
            }
            case SEQ_ANY_RUN -> eq ? 20 + rows / 1000 : range ? rows * 0.95 : Double.MAX_VALUE;
            case PID -> eq ? rows / 20 : Double.MAX_VALUE;
            case TS -> (first & IndexCondition.RANGE) == IndexCondition.RANGE ? rows / 10 : range ? rows / 3 : eq ? rows / 50
                    : Double.MAX_VALUE;
            case SYSCALL -> eq ? rows / 4 : Double.MAX_VALUE;
            case KIND -> eq ? rows / 2 : Double.MAX_VALUE;
        };
        return 10 + cost;
    }

    @Override
    public void close(SessionLocal session) {
    }

    @Override
    public void add(SessionLocal session, Row row) {
        throw DbException.getUnsupportedException("raw_events is read-only");
    }

    @Override
    public void remove(SessionLocal session, Row row) {
        throw DbException.getUnsupportedException("raw_events is read-only");
    }

    @Override
    public void remove(SessionLocal session) {
    }

    @Override
    public void truncate(SessionLocal session) {
        throw DbException.getUnsupportedException("raw_events is read-only");
    }

    @Override
    public boolean needRebuild() {
        return false;
    }

    @Override
    public long getRowCount(SessionLocal session) {
        return events.getRowCount(session);
    }

    @Override
    public long getRowCountApproximation(SessionLocal session) {
        return events.getRowCountApproximation(session);
    }
}
