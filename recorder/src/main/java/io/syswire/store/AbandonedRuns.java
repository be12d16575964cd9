package io.syswire.store;

import io.syswire.event.LostEvent;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.sql.Connection;
import java.sql.SQLException;

import static io.syswire.store.schema.Tables.RAW_BLOCKS;
import static io.syswire.store.schema.Tables.RUNS;
import static io.syswire.store.schema.Tables.TRACES;
import static io.syswire.store.schema.Tables.TRANSITIONS;

/**
 * A run still marked running when we hold the case's write lock was cut off (the recorder
 * was killed or the machine went down): it keeps what it committed, marked interrupted.
 * An import or replay never shows up here: it is one transaction, rolled back by H2.
 *
 * <p>Its counts and digest were committed with its data ({@link RunWriter} updates the row at
 * every commit). A run cut off by a syswire from before that has none: they are recounted
 * from what it holds.
 */
final class AbandonedRuns {
    private AbandonedRuns() {
    }

    /** @return how many runs were cut off */
    static int mark(CaseStore store) {
        DSLContext sql = store.sql();
        var cutOff = sql.select(RUNS.RUN_ID, RUNS.RAW_EVENTS).from(RUNS).where(RUNS.STATUS.eq("running")).fetch();
        for (var r : cutOff) {
            int run = r.value1();
            var blocks = sql.select(DSL.count(), DSL.sum(RAW_BLOCKS.EVENT_COUNT), DSL.min(RAW_BLOCKS.FIRST_TS),
                    DSL.max(RAW_BLOCKS.LAST_TS)).from(RAW_BLOCKS).where(RAW_BLOCKS.RUN_ID.eq(run)).fetchOne();
            long held = blocks.value2() == null ? 0 : blocks.value2().longValue();
            var update = sql.update(RUNS).set(RUNS.STATUS, "interrupted");
            if (r.value2() == 0 && held > 0) {
                update = update.set(RUNS.RAW_EVENTS, held).set(RUNS.LOST_EVENTS, lost(store, run))
                        .set(RUNS.FIRST_EVENT_TS, blocks.value3()).set(RUNS.LAST_EVENT_TS, blocks.value4())
                        .set(RUNS.TRACES, sql.fetchCount(TRACES, TRACES.RUN_ID.eq(run)))
                        .set(RUNS.INCOMPLETE_TRACES, sql.fetchCount(TRACES, TRACES.RUN_ID.eq(run).and(TRACES.COMPLETE.isFalse())))
                        .set(RUNS.TRANSITIONS, sql.fetchCount(TRANSITIONS, TRANSITIONS.RUN_ID.eq(run)));
            }
            // Its digest: the link of its last committed block. A run recorded before chains
            // existed gets one at upgrade instead (ChainBackfill).
            var last = sql.select(RAW_BLOCKS.CHAIN).from(RAW_BLOCKS).where(RAW_BLOCKS.RUN_ID.eq(run))
                    .orderBy(RAW_BLOCKS.BLOCK_NO.desc()).limit(1).fetchOptional(RAW_BLOCKS.CHAIN);
            String digest = last.isEmpty() ? RawChain.hex(new RawChain().link()) : last.get() == null ? null : RawChain.hex(last.get());
            update.set(RUNS.RAW_DIGEST, digest).set(RUNS.DIGEST_ORIGIN, digest == null ? null : "capture")
                    .where(RUNS.RUN_ID.eq(run)).execute();
        }
        if (cutOff.isNotEmpty()) {
            try {
                Connection conn = store.connection();
                if (!conn.getAutoCommit()) {
                    conn.commit();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return cutOff.size();
    }

    private static long lost(CaseStore store, int run) {
        long[] lost = {0};
        new StoredRunSource(store, run).drain(e -> {
            if (e instanceof LostEvent l) {
                lost[0] += l.count();
            }
        });
        return lost[0];
    }
}
