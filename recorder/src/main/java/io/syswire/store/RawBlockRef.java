package io.syswire.store;

/**
 * A stored block as the raw_events engine plans with it: its evidence columns (covered by
 * the run's chain) and, when its index row is one syswire could have written and agrees with
 * those columns, its zone map; otherwise null, and the block is always decoded.
 */
record RawBlockRef(int runId, int blockNo, long firstSeq, int count, long firstTs, long lastTs, byte[] chain,
                   RawBlockSummary summary) {
    long lastSeq() {
        return firstSeq + count - 1;
    }

    /** A hint is used only if it is consistent with the evidence it describes. */
    static RawBlockSummary checked(RawBlockSummary s, long firstSeq, int count, long firstTs, long lastTs) {
        if (s == null || s.firstSeq() != firstSeq || s.lastSeq() != firstSeq + count - 1 || s.minTs() > s.maxTs()
                || firstTs < s.minTs() || firstTs > s.maxTs() || lastTs < s.minTs() || lastTs > s.maxTs()) {
            return null;
        }
        return s;
    }
}
