package io.syswire.store;

import org.h2.api.ErrorCode;
import org.h2.command.ddl.CreateTableData;
import org.h2.engine.SessionLocal;
import org.h2.index.Index;
import org.h2.index.IndexType;
import org.h2.message.DbException;
import org.h2.result.Row;
import org.h2.table.Column;
import org.h2.table.IndexColumn;
import org.h2.table.Table;
import org.h2.table.TableBase;
import org.h2.table.TableType;
import org.h2.value.Value;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code raw_events} as a table: every raw event of every evidence run, decoded block by
 * block from {@code raw_blocks}. Read-only. Its indexes (on run_id and seq, pid, ts, syscall,
 * kind) choose the blocks to decode: a sequence number by the blocks' own evidence columns, the
 * others by each block's zone map in {@code raw_block_index}, which is derived data and used
 * only as a hint to skip a block, checked against the block's evidence columns first; a block
 * without a usable hint is decoded. Every row a cursor returns is compared with the condition
 * again, so a hint can make a query faster and never gives it a row that does not match.
 */
final class RawEventsTable extends TableBase {
    static final String[] COLUMN_NAMES = {"RUN_ID", "SEQ", "TS", "KIND", "PID", "TID", "PPID", "START_TIME", "COMM",
        "UID", "GID", "SYSCALL", "NR", "ARGS", "RET", "CAP_EFFECTIVE", "CAP_PERMITTED", "CAP_INHERITABLE", "MNT_NS",
        "PID_NS", "CGROUP_ID", "DETAIL"};
    static final int RUN_ID = 0, SEQ = 1, TS = 2, KIND = 3, PID = 4, SYSCALL = 11;

    private final RawEventsIndex scan;
    private final List<Index> indexes = new ArrayList<>();
    private final DecodedBlockCache decoded = new DecodedBlockCache();
    private Catalog catalog;

    /** The blocks as one session saw them at one modification of the tables they come from. */
    private record Catalog(SessionLocal session, long modification, List<RawBlockRef> blocks, long events) {
    }

    RawEventsTable(CreateTableData data) {
        super(data);
        Column[] cols = getColumns();
        if (cols.length != COLUMN_NAMES.length) {
            throw DbException.get(ErrorCode.FEATURE_NOT_SUPPORTED_1, "the raw_events engine serves raw_events only");
        }
        for (int i = 0; i < cols.length; i++) {
            if (!cols[i].getName().equals(COLUMN_NAMES[i])) {
                throw DbException.get(ErrorCode.FEATURE_NOT_SUPPORTED_1, "the raw_events engine serves raw_events only");
            }
        }
        scan = new RawEventsIndex(this, getName() + "_SCAN", IndexColumn.wrap(cols), IndexType.createScan(false), null);
        indexes.add(scan);
        // Hash type: H2 never takes them for a sort order, since their rows come in block order.
        IndexType hinted = IndexType.createNonUnique(false, true, false);
        indexes.add(new RawEventsIndex(this, "RAW_EVENTS_SEQ", IndexColumn.wrap(new Column[] {cols[RUN_ID], cols[SEQ]}),
                hinted, RawEventsIndex.Pushdown.SEQ));
        indexes.add(new RawEventsIndex(this, "RAW_EVENTS_SEQ_ANY_RUN", IndexColumn.wrap(new Column[] {cols[SEQ]}), hinted,
                RawEventsIndex.Pushdown.SEQ_ANY_RUN));
        indexes.add(new RawEventsIndex(this, "RAW_EVENTS_PID", IndexColumn.wrap(new Column[] {cols[PID]}), hinted,
                RawEventsIndex.Pushdown.PID));
        indexes.add(new RawEventsIndex(this, "RAW_EVENTS_TS", IndexColumn.wrap(new Column[] {cols[TS]}), hinted,
                RawEventsIndex.Pushdown.TS));
        indexes.add(new RawEventsIndex(this, "RAW_EVENTS_SYSCALL", IndexColumn.wrap(new Column[] {cols[SYSCALL]}), hinted,
                RawEventsIndex.Pushdown.SYSCALL));
        indexes.add(new RawEventsIndex(this, "RAW_EVENTS_KIND", IndexColumn.wrap(new Column[] {cols[KIND]}), hinted,
                RawEventsIndex.Pushdown.KIND));
    }

    DecodedBlockCache decoded() {
        return decoded;
    }

    /** The stored blocks in (run_id, block_no) order, with their usable hints. */
    synchronized List<RawBlockRef> blocks(SessionLocal session) {
        return catalog(session).blocks;
    }

    private synchronized Catalog catalog(SessionLocal session) {
        long mod = modification(session);
        Catalog c = catalog;
        if (c != null && c.session == session && c.modification == mod) {
            return c;
        }
        List<RawBlockRef> out = new ArrayList<>();
        long events = 0;
        Connection conn = session.createConnection(false);
        try (PreparedStatement ps = conn.prepareStatement("SELECT b.run_id, b.block_no, b.first_seq, b.event_count,"
                + " b.first_ts, b.last_ts, b.chain, i.first_seq, i.last_seq, i.min_ts, i.max_ts, i.pids, i.syscalls, i.kinds"
                + " FROM raw_blocks b LEFT JOIN raw_block_index i ON i.run_id = b.run_id AND i.block_no = b.block_no"
                + " ORDER BY b.run_id, b.block_no");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long firstSeq = rs.getLong(3);
                int count = rs.getInt(4);
                long firstTs = Times.nanos(rs.getObject(5, java.time.OffsetDateTime.class));
                long lastTs = Times.nanos(rs.getObject(6, java.time.OffsetDateTime.class));
                RawBlockSummary hint = RawBlockRef.checked(RawIndexRows.read(rs, 8), firstSeq, count, firstTs, lastTs);
                out.add(new RawBlockRef(rs.getInt(1), rs.getInt(2), firstSeq, count, firstTs, lastTs, rs.getBytes(7), hint));
                events += count;
            }
        } catch (SQLException e) {
            throw DbException.convert(e);
        }
        catalog = new Catalog(session, mod, List.copyOf(out), events);
        return catalog;
    }

    private static long modification(SessionLocal session) {
        long m = 0;
        for (String t : new String[] {"RAW_BLOCKS", "RAW_BLOCK_INDEX"}) {
            Table table = session.getDatabase().getSchema("PUBLIC").findTableOrView(session, t);
            m = m * 31 + (table == null ? 0 : table.getMaxDataModificationId());
        }
        return m;
    }

    @Override
    public Index addIndex(SessionLocal session, String indexName, int indexId, IndexColumn[] cols, int uniqueColumnCount,
                          IndexType indexType, boolean create, String indexComment) {
        throw readOnly();
    }

    @Override
    public void removeRow(SessionLocal session, Row row) {
        throw readOnly();
    }

    @Override
    public long truncate(SessionLocal session) {
        throw readOnly();
    }

    @Override
    public void addRow(SessionLocal session, Row row) {
        throw readOnly();
    }

    private static DbException readOnly() {
        return DbException.get(ErrorCode.FEATURE_NOT_SUPPORTED_1,
                "raw_events is decoded from the evidence in raw_blocks and cannot be written");
    }

    @Override
    public boolean isInsertable() {
        return false;
    }

    @Override
    public void checkSupportAlter() {
        throw readOnly();
    }

    @Override
    public TableType getTableType() {
        return TableType.EXTERNAL_TABLE_ENGINE;
    }

    @Override
    public Index getScanIndex(SessionLocal session) {
        return scan;
    }

    @Override
    public List<Index> getIndexes() {
        return indexes;
    }

    @Override
    public long getMaxDataModificationId() {
        return Long.MAX_VALUE; // rows appear with the blocks of another table: never let H2 cache a result
    }

    @Override
    public boolean isDeterministic() {
        return false;
    }

    @Override
    public boolean canGetRowCount(SessionLocal session) {
        return true;
    }

    @Override
    public boolean canDrop() {
        return true;
    }

    /** The events the blocks say they hold (raw_blocks.event_count, evidence): COUNT(*) without decoding. */
    @Override
    public synchronized long getRowCount(SessionLocal session) {
        return catalog(session).events;
    }

    @Override
    public long getRowCountApproximation(SessionLocal session) {
        return session == null ? 1_000_000 : getRowCount(session);
    }

    @Override
    public void close(SessionLocal session) {
    }

    /** One decoded block kept for the next lookup: a join by raw_seq reads the same block many times. */
    static final class DecodedBlockCache {
        private byte[] chain;
        private int runId;
        private int blockNo;
        private List<io.syswire.event.RawEvent> rows;

        synchronized List<io.syswire.event.RawEvent> get(RawBlockRef b) {
            return rows != null && b.chain() != null && java.util.Arrays.equals(chain, b.chain()) && runId == b.runId()
                    && blockNo == b.blockNo() ? rows : null;
        }

        /** Only a block with a chain link: the link names its content, so a cached block is never stale. */
        synchronized void put(RawBlockRef b, List<io.syswire.event.RawEvent> decoded) {
            if (b.chain() != null) {
                chain = b.chain();
                runId = b.runId();
                blockNo = b.blockNo();
                rows = decoded;
            }
        }
    }
}
