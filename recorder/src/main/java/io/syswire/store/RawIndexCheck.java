package io.syswire.store;

import io.syswire.event.RawEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Recomputes a run's derived data ({@code raw_block_index}, {@code raw_event_counts}) from its
 * blocks and compares: {@code syswire verify}'s check that what queries skip blocks by, and
 * what GROUP BYs read instead of the blocks, says what the evidence says.
 */
public final class RawIndexCheck {
    private RawIndexCheck() {
    }

    /** @return the first difference, or null when the derived data matches the blocks */
    public static String of(CaseStore store, int run) {
        Connection conn = store.connection();
        try {
            Map<Integer, RawBlockSummary> stored = new HashMap<>();
            int rows = 0;
            try (PreparedStatement ps = conn.prepareStatement("SELECT block_no, first_seq, last_seq, min_ts, max_ts, pids,"
                    + " syscalls, kinds FROM raw_block_index WHERE run_id = ?")) {
                ps.setInt(1, run);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        stored.put(rs.getInt(1), RawIndexRows.read(rs, 2));
                    }
                }
            }
            RawEventCounts counts = new RawEventCounts();
            String[] problem = {null};
            int[] blocks = {0};
            StoredBlocks.forEach(conn, run, (blockNo, firstSeq, count, data) -> {
                blocks[0]++;
                RawBlockSummary.Builder b = new RawBlockSummary.Builder();
                RawBlockDecoder d = new RawBlockDecoder(data, count);
                long seq = firstSeq;
                while (d.hasNext()) {
                    RawEvent e = d.next();
                    b.add(e, seq++);
                    counts.add(e);
                }
                RawBlockSummary s = stored.get(blockNo);
                if (problem[0] == null && (s == null || !s.sameAs(b.build()))) {
                    problem[0] = "raw_block_index " + (s == null && !stored.containsKey(blockNo) ? "has no row for" : "does not match")
                            + " block " + blockNo;
                }
            });
            if (problem[0] != null) {
                return problem[0];
            }
            if (rows != blocks[0]) {
                return "raw_block_index has rows for blocks the run does not hold";
            }
            List<Object> expected = new ArrayList<>();
            counts.rows().forEach(en -> expected.add(List.of(en.getKey(), en.getValue())));
            List<Object> actual = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT kind, pid, comm, syscall, events FROM raw_event_counts WHERE run_id = ? ORDER BY key_no")) {
                ps.setInt(1, run);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Integer pid = rs.getObject(2, Integer.class);
                        actual.add(List.of(new RawEventCounts.Key(rs.getString(1), pid, rs.getString(3), rs.getString(4)),
                                rs.getLong(5)));
                    }
                }
            }
            return Objects.equals(expected, actual) ? null : "raw_event_counts does not match the run's blocks";
        } catch (SQLException e) {
            return "its derived index cannot be read: " + CaseErrors.firstLine(e.getMessage());
        }
    }
}
