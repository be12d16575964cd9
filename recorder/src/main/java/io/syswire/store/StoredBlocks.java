package io.syswire.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A run's stored blocks in order, read one at a time: a run may hold gigabytes. */
final class StoredBlocks {
    interface BlockHandler {
        void accept(int blockNo, long firstSeq, int count, byte[] data) throws SQLException;
    }

    private StoredBlocks() {
    }

    static void forEach(Connection conn, int run, BlockHandler handler) throws SQLException {
        List<long[]> keys = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT block_no, first_seq, event_count FROM raw_blocks WHERE run_id = ? ORDER BY block_no")) {
            ps.setInt(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new long[] {rs.getInt(1), rs.getLong(2), rs.getInt(3)});
                }
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT data FROM raw_blocks WHERE run_id = ? AND block_no = ?")) {
            for (long[] k : keys) {
                ps.setInt(1, run);
                ps.setInt(2, (int) k[0]);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    handler.accept((int) k[0], k[1], (int) k[2], rs.getBytes(1));
                }
            }
        }
    }
}
