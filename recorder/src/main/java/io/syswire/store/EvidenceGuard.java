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

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type)
            throws SQLException {
        table = tableName.toUpperCase(Locale.ROOT);
        Map<String, Integer> columns = columns(conn.getMetaData(), schemaName, tableName);
        runId = index(columns, "RUN_ID");
        if (table.equals("RUNS")) {
            kind = index(columns, "KIND");
            status = index(columns, "STATUS");
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
        if (!finishing) {
            throw refused("run " + oldRow[runId] + " is captured evidence (" + oldRow[kind] + "): its record is never "
                    + (newRow == null ? "deleted" : "changed"));
        }
    }

    private static boolean isEvidence(String kind) {
        return kind != null && RunKind.byLabel(kind).storesRawEvents();
    }

    private static SQLException refused(String message) {
        // SQLSTATE class 42 (access rule violation) so clients treat it like a permission error.
        return new SQLException(message, "42501");
    }
}
