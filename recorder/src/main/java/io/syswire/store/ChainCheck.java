package io.syswire.store;

import java.util.Arrays;

import static io.syswire.store.schema.Tables.RAW_BLOCKS;

/**
 * Recomputes a run's chain ({@link RawChain}) from its stored blocks and compares every link,
 * the blocks' numbering and sequence, and the run's digest.
 */
public final class ChainCheck {
    /** What the chain showed: intact or the first problem; the blocks and events it covers; the recomputed digest. */
    public record Result(String problem, int blocks, long events, String digest) {
        public boolean intact() {
            return problem == null;
        }
    }

    private ChainCheck() {
    }

    public static Result of(CaseStore store, RunInfo run) {
        var sql = store.sql();
        RawChain chain = new RawChain();
        long nextSeq = 1;
        long events = 0;
        int expectedNo = 0;
        for (var k : sql.select(RAW_BLOCKS.BLOCK_NO, RAW_BLOCKS.FIRST_SEQ, RAW_BLOCKS.EVENT_COUNT, RAW_BLOCKS.FIRST_TS,
                RAW_BLOCKS.LAST_TS, RAW_BLOCKS.CHAIN).from(RAW_BLOCKS).where(RAW_BLOCKS.RUN_ID.eq(run.runId()))
                .orderBy(RAW_BLOCKS.BLOCK_NO).fetch()) {
            int no = k.value1();
            if (no != expectedNo) {
                return new Result("block " + expectedNo + " is missing", expectedNo, events, null);
            }
            if (k.value2() != nextSeq || k.value3() <= 0) {
                return new Result("block " + no + " does not continue the events before it", no, events, null);
            }
            if (k.value6() == null) {
                return new Result("block " + no + " has no chain link (it was stored without one)", no, events, null);
            }
            byte[] data = sql.select(RAW_BLOCKS.DATA).from(RAW_BLOCKS)
                    .where(RAW_BLOCKS.RUN_ID.eq(run.runId()).and(RAW_BLOCKS.BLOCK_NO.eq(no))).fetchOne(RAW_BLOCKS.DATA);
            byte[] link = chain.add(no, k.value2(), k.value3(), Times.nanos(k.value4()), Times.nanos(k.value5()), data);
            if (!Arrays.equals(link, k.value6())) {
                return new Result("block " + no + " does not match its chain", no, events, null);
            }
            nextSeq += k.value3();
            events += k.value3();
            expectedNo++;
        }
        String digest = RawChain.hex(chain.link());
        if (run.rawDigest() != null && !run.rawDigest().equals(digest)) {
            return new Result("its recorded digest is not the end of its chain", expectedNo, events, digest);
        }
        return new Result(null, expectedNo, events, digest);
    }
}
