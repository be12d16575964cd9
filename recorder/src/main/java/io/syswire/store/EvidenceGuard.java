package io.syswire.store;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Keeps captured evidence as it was recorded, whoever writes to the case: the raw events of
 * live and import runs (their {@code raw_blocks}) and those runs' rows in {@code runs}. The
 * migration V2 installs it as a row trigger on both tables. What it still allows is exactly
 * what the recorder does: a run being recorded (status {@code running}) gets its raw blocks
 * and, when it ends, its summary; rolling back a failed import undoes rows without firing
 * triggers. Everything else on evidence is refused.
 *
 * <p>A trigger stops mistakes through any SQL connection; it does not stop an administrator
 * who drops it. A later migration that must rewrite evidence rows has to drop and recreate it.
 */
public final class EvidenceGuard implements Trigger {
    private static final String RUNNING = "running";

    private String table;
    private int runId;
    private int kind;
    private int status;
    /** Columns an upgrade may fill once (schema 3 on): a block's chain link, a run's digest. -1: absent. */
    private int chain = -1;
    private int digest = -1;
    private int digestOrigin = -1;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type)
            throws SQLException {
        table = tableName.toUpperCase(Locale.ROOT);
        Map<String, Integer> columns = columns(conn.getMetaData(), schemaName, tableName);
        runId = index(columns, "RUN_ID");
        if (table.equals("RUNS")) {
            kind = index(columns, "KIND");
            status = index(columns, "STATUS");
            digest = columns.getOrDefault("RAW_DIGEST", -1);
            digestOrigin = columns.getOrDefault("DIGEST_ORIGIN", -1);
        } else if (table.equals("RAW_BLOCKS")) {
            chain = columns.getOrDefault("CHAIN", -1);
        } else if (!table.equals("RAW_BLOCKS")) {
            throw new SQLException("EvidenceGuard guards runs and raw_blocks, not " + tableName);
        }
    }

    private static Map<String, Integer> columns(DatabaseMetaData md, String schema, String table) throws SQLException {
        Map<String, Integer> out = new HashMap<>();
        try (ResultSet rs = md.getColumns(null, schema, table, null)) {
            while (rs.next()) {
                out.put(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT), rs.getInt("ORDINAL_POSITION") - 1);
            }
        }
        return out;
    }

    private int index(Map<String, Integer> columns, String name) throws SQLException {
        Integer i = columns.get(name);
        if (i == null) {
            throw new SQLException("EvidenceGuard: " + table + " has no column " + name);
        }
        return i;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (table.equals("RAW_BLOCKS")) {
            rawBlock(conn, oldRow, newRow);
        } else {
            run(oldRow, newRow);
        }
    }

    private void rawBlock(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (oldRow != null) {
            if (fillsOnce(oldRow, newRow, chain, -1)) {
                return; // an upgrade adding the chain link a block was recorded without
            }
            throw refused("raw events of run " + oldRow[runId] + " are evidence: they are never changed or deleted");
        }
        Object run = newRow[runId];
        try (PreparedStatement ps = conn.prepareStatement("SELECT kind, status FROM runs WHERE run_id = ?")) {
            ps.setObject(1, run);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && isEvidence(rs.getString(1)) && RUNNING.equals(rs.getString(2))) {
                    return;
                }
            }
        }
        throw refused("raw events are added only to a live or import run while it is recorded, not to run " + run);
    }

    private void run(Object[] oldRow, Object[] newRow) throws SQLException {
        if (oldRow == null || !isEvidence((String) oldRow[kind])) {
            if (oldRow != null && newRow != null && !oldRow[kind].equals(newRow[kind])) {
                throw refused("the kind of run " + oldRow[runId] + " never changes");
            }
            return;
        }
        boolean finishing = newRow != null && RUNNING.equals(oldRow[status])
                && oldRow[kind].equals(newRow[kind]) && oldRow[runId].equals(newRow[runId]);
        if (!finishing && !fillsOnce(oldRow, newRow, digest, digestOrigin)) {
            throw refused("run " + oldRow[runId] + " is captured evidence (" + oldRow[kind] + "): its record is never "
                    + (newRow == null ? "deleted" : "changed"));
        }
    }

    /**
     * The update only gives a value to column {@code a} (and {@code b}), which was null, and
     * leaves every other column as it was: an upgrade completing a row recorded without it.
     */
    private static boolean fillsOnce(Object[] oldRow, Object[] newRow, int a, int b) throws SQLException {
        if (a < 0 || newRow == null || oldRow[a] != null || newRow[a] == null) {
            return false;
        }
        for (int i = 0; i < oldRow.length; i++) {
            if (i != a && i != b && !same(oldRow[i], newRow[i])) {
                return false;
            }
        }
        return b < 0 || oldRow[b] == null;
    }

    private static boolean same(Object x, Object y) throws SQLException {
        if (x instanceof java.sql.Blob p && y instanceof java.sql.Blob q) {
            return p.length() == q.length() && java.util.Arrays.equals(p.getBytes(1, (int) p.length()), q.getBytes(1, (int) q.length()));
        }
        if (x instanceof byte[] p && y instanceof byte[] q) {
            return java.util.Arrays.equals(p, q);
        }
        return java.util.Objects.equals(x, y);
    }

    private static boolean isEvidence(String kind) {
        return kind != null && RunKind.byLabel(kind).storesRawEvents();
    }

    private static SQLException refused(String message) {
        // SQLSTATE class 42 (access rule violation) so clients treat it like a permission error.
        return new SQLException(message, "42501");
    }
}
