package io.syswire.store;

import org.jooq.DSLContext;

import java.sql.Connection;
import java.sql.SQLException;

import static io.syswire.store.schema.Tables.RAW_BLOCKS;
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
        var cutOff = sql.select(RUNS.RUN_ID).from(RUNS).where(RUNS.STATUS.eq("running")).fetch(RUNS.RUN_ID);
        for (int run : cutOff) {
            var last = sql.select(RAW_BLOCKS.CHAIN).from(RAW_BLOCKS).where(RAW_BLOCKS.RUN_ID.eq(run))
                    .orderBy(RAW_BLOCKS.BLOCK_NO.desc()).limit(1).fetchOptional(RAW_BLOCKS.CHAIN);
            // Its digest is the link of its last committed block: the chain was written as it
            // recorded. A run recorded before chains existed gets one at upgrade instead.
            String digest = last.isEmpty() ? RawChain.hex(new RawChain().link()) : last.get() == null ? null : RawChain.hex(last.get());
            sql.update(RUNS).set(RUNS.STATUS, "interrupted")
                    .set(RUNS.RAW_DIGEST, digest).set(RUNS.DIGEST_ORIGIN, digest == null ? null : "capture")
                    .where(RUNS.RUN_ID.eq(run)).execute();
        }
        if (!cutOff.isEmpty()) {
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
