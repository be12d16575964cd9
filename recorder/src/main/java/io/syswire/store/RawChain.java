package io.syswire.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 chain over a run's raw blocks, in order. The chain starts from
 * {@code SHA-256("syswire raw chain 1")}; block k's link is
 * {@code SHA-256(link[k-1] || u32 block_no || u64 first_seq || u32 event_count || u64 first_ts || u64 last_ts || data)}
 * (big-endian, times in ns since the epoch). The run's digest is its last link: one changed
 * bit in any block, or a block dropped, moved or added, changes every link after it.
 */
public final class RawChain {
    private static final byte[] GENESIS = sha256("syswire raw chain 1".getBytes(StandardCharsets.US_ASCII));

    private byte[] link = GENESIS;
    private int blocks;

    /** Adds the next block and returns its link. */
    public byte[] add(int blockNo, long firstSeq, int count, long firstTs, long lastTs, byte[] data) {
        MessageDigest d = digest();
        d.update(link);
        d.update(ByteBuffer.allocate(32).putInt(blockNo).putLong(firstSeq).putInt(count).putLong(firstTs).putLong(lastTs)
                .array());
        d.update(data);
        link = d.digest();
        blocks++;
        return link.clone();
    }

    /** The link so far: the run's digest once its last block is added. */
    public byte[] link() {
        return link.clone();
    }

    public int blocks() {
        return blocks;
    }

    public static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    private static byte[] sha256(byte[] b) {
        return digest().digest(b);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
