package io.syswire.store;

import io.syswire.BadInputException;
import io.syswire.RandomLogs;
import io.syswire.event.RawEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Raw events survive packing into blocks exactly, and a damaged block is an error, not garbage. */
class RawBlockCodecTest {
    @Test
    void everyEventDecodesToWhatWasEncoded() {
        for (long seed = 1; seed <= 20; seed++) {
            List<RawEvent> events = RandomLogs.generate(seed, 3000);
            List<RawEvent> decoded = roundTrip(events, 512);
            io.syswire.Same.events(events, decoded, "seed " + seed);
        }
    }

    @Test
    void blocksAreCutByEventCount() {
        List<RawEvent> events = RandomLogs.generate(7, 1000);
        RawBlockEncoder enc = new RawBlockEncoder(100, 1 << 20);
        List<RawBlock> blocks = new ArrayList<>();
        long seq = 0;
        for (RawEvent e : events) {
            if (enc.isFull()) {
                blocks.add(enc.finishBlock());
            }
            enc.add(e, ++seq);
        }
        blocks.add(enc.finishBlock());
        assertEquals(10, blocks.size());
        assertEquals(901, blocks.get(9).firstSeq());
        assertEquals(events.get(0).ts(), blocks.get(0).firstTs());
    }

    @Test
    void aFloodFromOneThreadCostsAFewBytesPerEvent() {
        List<RawEvent> events = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            events.add(io.syswire.Events.call(i * 0.000001, 100, "close", 0, 0));
        }
        RawBlockEncoder enc = new RawBlockEncoder(8192, 1 << 22);
        long seq = 0;
        for (RawEvent e : events) {
            enc.add(e, ++seq);
        }
        RawBlock b = enc.finishBlock();
        assertTrue(b.data().length / 4000.0 < 12, "bytes per event: " + b.data().length / 4000.0);
    }

    @Test
    void aTruncatedBlockIsReportedNotMisread() {
        List<RawEvent> events = RandomLogs.generate(3, 50);
        RawBlockEncoder enc = new RawBlockEncoder();
        long seq = 0;
        for (RawEvent e : events) {
            enc.add(e, ++seq);
        }
        RawBlock b = enc.finishBlock();
        RawBlockDecoder d = new RawBlockDecoder(Arrays.copyOf(b.data(), b.data().length / 2), b.count());
        assertThrows(BadInputException.class, () -> {
            while (d.hasNext()) {
                d.next();
            }
        });
    }

    @Test
    void eventsMustBeAddedInSequence() {
        RawBlockEncoder enc = new RawBlockEncoder();
        enc.add(io.syswire.Events.tick(0), 1);
        assertThrows(IllegalArgumentException.class, () -> enc.add(io.syswire.Events.tick(1), 3));
    }

    static List<RawEvent> roundTrip(List<RawEvent> events, int perBlock) {
        RawBlockEncoder enc = new RawBlockEncoder(perBlock, 1 << 20);
        List<RawBlock> blocks = new ArrayList<>();
        long seq = 0;
        for (RawEvent e : events) {
            if (enc.isFull()) {
                blocks.add(enc.finishBlock());
            }
            enc.add(e, ++seq);
        }
        blocks.add(enc.finishBlock());
        List<RawEvent> out = new ArrayList<>();
        for (RawBlock b : blocks) {
            RawBlockDecoder d = new RawBlockDecoder(b.data(), b.count());
            while (d.hasNext()) {
                out.add(d.next());
            }
        }
        return out;
    }
}
