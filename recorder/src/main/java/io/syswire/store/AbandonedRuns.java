package io.syswire.store;

import org.jooq.DSLContext;

import java.sql.Connection;
import java.sql.SQLException;

import static io.syswire.store.schema.Tables.RUNS;

/**
 * A run still marked running when we hold the case's write lock was cut off (the recorder
 * was killed or the machine went down): it keeps what it committed, marked interrupted.
 * An import or replay never shows up here: it is one transaction, rolled back by H2.
 */
final class AbandonedRuns {
    private AbandonedRuns() {
    }

    static void mark(Connection conn, DSLContext sql) {
        int n = sql.update(RUNS).set(RUNS.STATUS, "interrupted").where(RUNS.STATUS.eq("running")).execute();
        if (n > 0) {
            try {
                if (!conn.getAutoCommit()) {
                    conn.commit();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
