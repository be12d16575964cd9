package io.syswire.store;

import org.jooq.DSLContext;

import java.sql.Connection;
import java.sql.SQLException;

import static io.syswire.store.schema.Tables.RAW_BLOCKS;
import static io.syswire.store.schema.Tables.RUNS;

/**
 * When a case from before schema 3 is upgraded, its evidence runs get the chain they were
 * recorded without, marked {@code upgrade}: it proves the blocks are unchanged since the
 * upgrade, not since capture. The evidence guard lets exactly this through: a link or digest
 * given to a row that had none, every other column as it was.
 */
final class ChainBackfill {
    private ChainBackfill() {
    }

    /** @return whether any run got its chain */
    static boolean run(Connection conn, DSLContext sql) {
        var runs = sql.select(RUNS.RUN_ID).from(RUNS)
                .where(RUNS.KIND.in("live", "import")).and(RUNS.RAW_DIGEST.isNull()).and(RUNS.STATUS.ne("running")).orderBy(RUNS.RUN_ID).fetch(RUNS.RUN_ID);
        if (runs.isEmpty()) {
            return false;
        }
        try {
            boolean auto = conn.getAutoCommit();
            conn.setAutoCommit(false);
            for (int run : runs) {
                RawChain chain = new RawChain();
                for (var k : sql.select(RAW_BLOCKS.BLOCK_NO, RAW_BLOCKS.FIRST_SEQ, RAW_BLOCKS.EVENT_COUNT,
                        RAW_BLOCKS.FIRST_TS, RAW_BLOCKS.LAST_TS).from(RAW_BLOCKS).where(RAW_BLOCKS.RUN_ID.eq(run))
                        .orderBy(RAW_BLOCKS.BLOCK_NO).fetch()) {
                    byte[] data = sql.select(RAW_BLOCKS.DATA).from(RAW_BLOCKS)
                            .where(RAW_BLOCKS.RUN_ID.eq(run).and(RAW_BLOCKS.BLOCK_NO.eq(k.value1()))).fetchOne(RAW_BLOCKS.DATA);
                    byte[] link = chain.add(k.value1(), k.value2(), k.value3(), Times.nanos(k.value4()),
                            Times.nanos(k.value5()), data);
                    sql.update(RAW_BLOCKS).set(RAW_BLOCKS.CHAIN, link)
                            .where(RAW_BLOCKS.RUN_ID.eq(run).and(RAW_BLOCKS.BLOCK_NO.eq(k.value1()))).execute();
                }
                sql.update(RUNS).set(RUNS.RAW_DIGEST, RawChain.hex(chain.link())).set(RUNS.DIGEST_ORIGIN, "upgrade")
                        .where(RUNS.RUN_ID.eq(run)).execute();
            }
            conn.commit();
            conn.setAutoCommit(auto);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("adding chains to the upgraded case: " + e.getMessage(), e);
        }
    }
}
