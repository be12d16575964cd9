package io.syswire.store;

/** A block of consecutive raw events as stored in {@code raw_blocks}. */
public record RawBlock(long firstSeq, int count, long firstTs, long lastTs, byte[] data) {
}
