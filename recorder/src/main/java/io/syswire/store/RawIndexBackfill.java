package io.syswire.store;

import io.syswire.event.RawEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * When a case from before schema 6 is upgraded, the blocks of its evidence runs get their zone
 * maps ({@code raw_block_index}) and the runs their {@code raw_event_counts}, computed from
 * the blocks. Derived data only: the evidence is read, never written.
 */
final class RawIndexBackfill {
    private RawIndexBackfill() {
    }

    /** @return whether any run got its index */
    static boolean run(Connection conn) {
        try {
            List<Integer> runs = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT r.run_id FROM runs r WHERE r.kind IN ('live', 'import')"
                    + " AND r.status <> 'running' AND (EXISTS (SELECT 1 FROM raw_blocks b WHERE b.run_id = r.run_id"
                    + " AND NOT EXISTS (SELECT 1 FROM raw_block_index i WHERE i.run_id = b.run_id AND i.block_no = b.block_no))"
                    + " OR (EXISTS (SELECT 1 FROM raw_blocks b WHERE b.run_id = r.run_id)"
                    + " AND NOT EXISTS (SELECT 1 FROM raw_event_counts c WHERE c.run_id = r.run_id))) ORDER BY r.run_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    runs.add(rs.getInt(1));
                }
            }
            if (runs.isEmpty()) {
                return false;
            }
            boolean auto = conn.getAutoCommit();
            conn.setAutoCommit(false);
            for (int run : runs) {
                index(conn, run);
            }
            conn.commit();
            conn.setAutoCommit(auto);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("indexing the raw events of the upgraded case: " + e.getMessage(), e);
        }
    }

    private static void index(Connection conn, int run) throws SQLException {
        try (PreparedStatement del = conn.prepareStatement("DELETE FROM raw_block_index WHERE run_id = ?");
             PreparedStatement delCounts = conn.prepareStatement("DELETE FROM raw_event_counts WHERE run_id = ?")) {
            del.setInt(1, run);
            del.executeUpdate();
            delCounts.setInt(1, run);
            delCounts.executeUpdate();
        }
        RawEventCounts counts = new RawEventCounts();
        StoredBlocks.forEach(conn, run, (blockNo, firstSeq, count, data) -> {
            RawBlockSummary.Builder b = new RawBlockSummary.Builder();
            RawBlockDecoder d = new RawBlockDecoder(data, count);
            long seq = firstSeq;
            while (d.hasNext()) {
                RawEvent e = d.next();
                b.add(e, seq++);
                counts.add(e);
            }
            if (!b.isEmpty()) {
                RawIndexRows.insert(conn, run, blockNo, b.build());
            }
        });
        counts.merge(conn, run);
    }
}
