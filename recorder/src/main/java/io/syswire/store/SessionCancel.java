package io.syswire.store;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Stops the statement running on a case's connection from another thread (Ctrl-C). JDBC's
 * {@code Statement.cancel()} marks the statement's command, which a scan of raw_events loses
 * track of (it reads each block with a statement of its own on the same session), so the
 * session's own flag is raised too: H2 checks it while it scans.
 */
public final class SessionCancel {
    private SessionCancel() {
    }

    public static void cancel(Connection conn) throws SQLException {
        if (!conn.isClosed() && conn.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
            session.cancel();
        }
    }

    /** Drops a cancel that came too late for its statement, so that the next one runs. */
    public static void clear(Connection conn) throws SQLException {
        if (!conn.isClosed() && conn.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
            session.setQueryTimeout(session.getQueryTimeout()); // also resets the cancel time
        }
    }
}
