package io.syswire.store;

import io.syswire.event.ProcessEvent;
import io.syswire.event.RawEvent;
import io.syswire.event.SyscallEvent;
import io.syswire.kernel.SyscallTable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rows of {@code raw_event_counts} for one run: how many raw events it holds per kind,
 * pid, comm and syscall, keyed as raw_events shows those columns. Kept in memory while a run
 * is written and merged into the case with each block, so the table always agrees with the
 * committed blocks. Derived data, recomputed by {@code syswire verify}.
 */
final class RawEventCounts {
    record Key(String kind, Integer pid, String comm, String syscall) {
    }

    private static final class Tally {
        final Key key;
        final int keyNo;
        long events;

        Tally(Key key, int keyNo) {
            this.key = key;
            this.keyNo = keyNo;
        }
    }

    private final SyscallTable table = SyscallTable.x86_64();
    private final Map<Key, Tally> tallies = new HashMap<>();
    private final Set<Tally> dirty = new LinkedHashSet<>();
    // a thread repeats itself: the key of a call like the one before is not looked up again
    private SyscallEvent lastCall;
    private Tally lastTally;

    void add(RawEvent e) {
        Tally t;
        if (e instanceof SyscallEvent s && lastCall != null && s.nr() == lastCall.nr() && s.pid() == lastCall.pid()
                && Objects.equals(s.comm(), lastCall.comm())) {
            t = lastTally;
        } else {
            Key k = keyOf(e);
            t = tallies.computeIfAbsent(k, x -> new Tally(x, tallies.size() + 1));
            if (e instanceof SyscallEvent s) {
                lastCall = s;
                lastTally = t;
            }
        }
        t.events++;
        dirty.add(t);
    }

    Key keyOf(RawEvent e) {
        String kind = e.kind().label();
        if (e instanceof SyscallEvent s) {
            return new Key(kind, s.pid(), s.comm(), table.nameOf(s.nr()));
        }
        int pid = RawBlockSummary.pidOf(e);
        String comm = e instanceof ProcessEvent p ? p.info().name() : null;
        return new Key(kind, pid == RawEvent.NO_PID ? null : pid, comm, null);
    }

    /** Every key with its count, in key_no order. */
    List<Map.Entry<Key, Long>> rows() {
        List<Map.Entry<Key, Long>> out = new ArrayList<>();
        tallies.values().stream().sorted((a, b) -> Integer.compare(a.keyNo, b.keyNo))
                .forEach(t -> out.add(Map.entry(t.key, t.events)));
        return out;
    }

    /** Writes the counts that changed since the last call into the run's rows. */
    void merge(Connection conn, int runId) throws SQLException {
        if (dirty.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = conn.prepareStatement(
                "MERGE INTO raw_event_counts (run_id, key_no, kind, pid, comm, syscall, events) KEY (run_id, key_no)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Tally t : dirty) {
                Key k = t.key;
                ps.setInt(1, runId);
                ps.setInt(2, t.keyNo);
                ps.setString(3, k.kind());
                ps.setObject(4, k.pid(), java.sql.Types.INTEGER);
                ps.setString(5, k.comm());
                ps.setString(6, k.syscall());
                ps.setLong(7, t.events);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        dirty.clear();
    }
}
