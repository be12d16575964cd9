package io.syswire.store;

import io.syswire.event.RawEvent;
import org.h2.api.ErrorCode;
import org.h2.engine.SessionLocal;
import org.h2.index.Cursor;
import org.h2.message.DbException;
import org.h2.result.Row;
import org.h2.result.SearchRow;
import org.h2.value.Value;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Rows of the chosen blocks, decoded one block at a time, in (run_id, seq) order. */
final class RawEventsCursor implements Cursor {
    private final SessionLocal session;
    private final RawEventsTable table;
    private final List<RawBlockRef> blocks;
    private final RawEventsIndex.Plan plan;
    private final RawBlockDecoder.CallFilter calls;
    private final Predicate<Value[]> inRange;
    private final RawEventsFunction.Rows rows = new RawEventsFunction.Rows(List.of(), null);
    private PreparedStatement load;
    private int block = -1;
    private List<RawEvent> decoded = List.of();
    private RawBlockDecoder streaming;
    private int at;
    private long seq;
    private Row current;

    RawEventsCursor(SessionLocal session, RawEventsTable table, List<RawBlockRef> blocks, RawEventsIndex.Plan plan,
                    Predicate<Value[]> inRange) {
        this.session = session;
        this.table = table;
        this.blocks = blocks;
        this.plan = plan;
        this.inRange = inRange;
        RawEventsIndex.CallFilter f = plan.calls();
        this.calls = f == null ? null : (ts, pid, nr) -> f.mayMatch(ts, pid, nr, seq);
    }

    @Override
    public boolean next() {
        while (true) {
            RawBlockRef b = block < 0 || block >= blocks.size() ? null : blocks.get(block);
            while (b != null && (streaming != null ? streaming.hasNext() : at < decoded.size())) {
                seq = b.firstSeq() + at;
                RawEvent e = streaming != null ? streaming.next(calls) : decoded.get(at);
                at++;
                // the cheap tests on the event first: only rows that can match are made into values
                if (e == null || !plan.events().mayMatch(e, seq)) {
                    continue;
                }
                Value[] v = rows.row(b.runId(), e, seq);
                if (inRange.test(v)) {
                    current = Row.get(v, 0, ((long) b.runId() << 40) | seq);
                    return true;
                }
            }
            if (++block >= blocks.size()) {
                current = null;
                close();
                return false;
            }
            session.checkCanceled();
            RawBlockRef next = blocks.get(block);
            if (calls != null) {
                streaming = new RawBlockDecoder(load(next), next.count());
            } else {
                decoded = decode(next);
            }
            at = 0;
        }
    }

    private List<RawEvent> decode(RawBlockRef b) {
        List<RawEvent> cached = table.decoded().get(b);
        if (cached != null) {
            return cached;
        }
        RawBlockDecoder d = new RawBlockDecoder(load(b), b.count());
        List<RawEvent> out = new ArrayList<>(b.count());
        while (d.hasNext()) {
            out.add(d.next());
        }
        table.decoded().put(b, out);
        return out;
    }

    private byte[] load(RawBlockRef b) {
        try {
            if (load == null) {
                Connection conn = session.createConnection(false);
                load = conn.prepareStatement("SELECT data FROM raw_blocks WHERE run_id = ? AND block_no = ?");
            }
            load.setInt(1, b.runId());
            load.setInt(2, b.blockNo());
            try (ResultSet rs = load.executeQuery()) {
                if (!rs.next()) {
                    throw DbException.get(ErrorCode.GENERAL_ERROR_1, "raw block " + b.runId() + "/" + b.blockNo() + " vanished");
                }
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw DbException.convert(e);
        }
    }

    private void close() {
        if (load != null) {
            try {
                load.close();
            } catch (SQLException ignored) {
                // a statement of this session: nothing left to release
            }
            load = null;
        }
    }

    @Override
    public Row get() {
        return current;
    }

    @Override
    public SearchRow getSearchRow() {
        return current;
    }

    @Override
    public boolean previous() {
        throw DbException.getUnsupportedException("raw_events backwards");
    }
}
