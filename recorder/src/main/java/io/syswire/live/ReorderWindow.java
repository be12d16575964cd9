package io.syswire.live;

import io.syswire.event.RawEvent;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Puts records back in time order. The kernel submits a syscall record when the call
 * returns, stamped with its entry time, and CPUs interleave, so the ring is only roughly
 * ordered. Records are held for a short window and released in (time, arrival) order; a
 * record later than everything already released (a call that blocked for long) goes out at
 * once, and the state machine's clock, which never runs backwards, copes with it.
 * Mostly-ordered input makes insertion a short scan back from the tail.
 */
final class ReorderWindow {
    private RawEvent[] buf = new RawEvent[1024];
    private int head;
    private int tail;
    private long releasedUpTo = Long.MIN_VALUE;

    void add(RawEvent e, Consumer<RawEvent> out) {
        long ts = e.ts();
        if (ts < releasedUpTo) {
            out.accept(e);
            return;
        }
        if (tail == buf.length) {
            compactOrGrow();
        }
        int i = tail;
        while (i > head && buf[i - 1].ts() > ts) {
            i--;
        }
        System.arraycopy(buf, i, buf, i + 1, tail - i);
        buf[i] = e;
        tail++;
    }

    /** Releases every held record with a time at or before {@code watermark}. */
    void release(long watermark, Consumer<RawEvent> out) {
        while (head < tail && buf[head].ts() <= watermark) {
            RawEvent e = buf[head];
            buf[head++] = null;
            releasedUpTo = e.ts();
            out.accept(e);
        }
    }

    void releaseAll(Consumer<RawEvent> out) {
        release(Long.MAX_VALUE, out);
    }

    int held() {
        return tail - head;
    }

    private void compactOrGrow() {
        int n = tail - head;
        if (n * 2 > buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        System.arraycopy(buf, head, buf, 0, n);
        Arrays.fill(buf, n, tail, null);
        head = 0;
        tail = n;
    }
}
