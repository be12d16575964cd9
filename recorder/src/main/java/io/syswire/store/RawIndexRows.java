package io.syswire.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads and writes rows of {@code raw_block_index}. */
final class RawIndexRows {
    private RawIndexRows() {
    }

    static void insert(Connection conn, int runId, int blockNo, RawBlockSummary s) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO raw_block_index (run_id, block_no, first_seq,"
                + " last_seq, min_ts, max_ts, pids, syscalls, kinds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, runId);
            ps.setInt(2, blockNo);
            ps.setLong(3, s.firstSeq());
            ps.setLong(4, s.lastSeq());
            ps.setLong(5, s.minTs());
            ps.setLong(6, s.maxTs());
            ps.setBytes(7, s.encodedPids());
            ps.setBytes(8, s.syscalls());
            ps.setInt(9, s.kinds());
            ps.executeUpdate();
        }
    }

    /**
     * A stored row as a summary, or null when it is not one syswire could have written (then
     * it is no use as a hint: the block is decoded).
     *
     * @param rs positioned on columns first_seq, last_seq, min_ts, max_ts, pids, syscalls, kinds from {@code at}
     */
    static RawBlockSummary read(ResultSet rs, int at) throws SQLException {
        rs.getLong(at);
        if (rs.wasNull()) {
            return null;
        }
        byte[] pids = rs.getBytes(at + 4);
        byte[] syscalls = rs.getBytes(at + 5);
        int[] p = pids == null ? null : RawBlockSummary.decodePids(pids);
        if (p == null || syscalls == null || syscalls.length != RawBlockSummary.SYSCALL_BYTES) {
            return null;
        }
        return new RawBlockSummary(rs.getLong(at), rs.getLong(at + 1), rs.getLong(at + 2), rs.getLong(at + 3), p,
                syscalls, rs.getInt(at + 6));
    }
}
