package io.syswire.store;

import io.syswire.event.ExitEvent;
import io.syswire.event.ForkEvent;
import io.syswire.event.ProcessEvent;
import io.syswire.event.RawEvent;
import io.syswire.event.SyscallEvent;
import io.syswire.kernel.SyscallTable;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The zone map of one raw block, a row of {@code raw_block_index}: its sequence numbers, the
 * range of its event times, its distinct pids, syscalls and event kinds. Derived from the
 * block's events, never evidence: a query uses it only to skip blocks that cannot hold a row
 * it asks for, and {@code syswire verify} recomputes it from the block.
 */
public record RawBlockSummary(long firstSeq, long lastSeq, long minTs, long maxTs, int[] pids, byte[] syscalls,
                              int kinds) {
    static final int SYSCALL_BYTES = SyscallTable.MAX_NR / 8;

    /**
     * The pid of an event as raw_events shows it, or {@link RawEvent#NO_PID} for none. What a
     * pid query may skip rests on this: a new kind of record fails to compile until it says.
     */
    static int pidOf(RawEvent e) {
        return e.accept(PID);
    }

    private static final RawEvent.Visitor<Integer> PID = new RawEvent.Visitor<>() {
        @Override
        public Integer syscall(SyscallEvent e) {
            return e.pid();
        }

        @Override
        public Integer process(ProcessEvent e) {
            return e.info().pid();
        }

        @Override
        public Integer fork(ForkEvent e) {
            return e.pid();
        }

        @Override
        public Integer exit(ExitEvent e) {
            return e.pid();
        }

        @Override
        public Integer tick(io.syswire.event.TickEvent e) {
            return RawEvent.NO_PID;
        }

        @Override
        public Integer lost(io.syswire.event.LostEvent e) {
            return RawEvent.NO_PID;
        }
    };

    public boolean mayHoldPid(int pid) {
        return Arrays.binarySearch(pids, pid) >= 0;
    }

    public boolean mayHoldSyscall(int nr) {
        return nr < 0 || nr >= SyscallTable.MAX_NR || (syscalls[nr >> 3] & (1 << (nr & 7))) != 0;
    }

    /** The pid set as stored: ascending, as unsigned varints of the gaps (the first from 0, zigzagged). */
    public byte[] encodedPids() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(pids.length + 8);
        long prev = 0;
        for (int i = 0; i < pids.length; i++) {
            long v = i == 0 ? zigzag(pids[0]) : (long) pids[i] - prev;
            prev = pids[i];
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
        return out.toByteArray();
    }

    /** @return the pids, or null if the bytes are not an ascending pid set (a crafted index row) */
    public static int[] decodePids(byte[] b) {
        int[] out = new int[Math.min(b.length, 8192)];
        int n = 0;
        long prev = 0;
        int pos = 0;
        while (pos < b.length) {
            long v = 0;
            int shift = 0;
            while (true) {
                if (pos >= b.length || shift > 35) {
                    return null;
                }
                byte x = b[pos++];
                v |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    break;
                }
                shift += 7;
            }
            long pid = n == 0 ? (v >>> 1) ^ -(v & 1) : prev + v;
            if ((n > 0 && v == 0) || pid != (int) pid || n == out.length) {
                return null;
            }
            out[n++] = (int) pid;
            prev = pid;
        }
        return Arrays.copyOf(out, n);
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    /** Accumulates a block's summary event by event, in the order they are stored. */
    public static final class Builder {
        private long firstSeq = -1;
        private long lastSeq;
        private long minTs = Long.MAX_VALUE;
        private long maxTs = Long.MIN_VALUE;
        // the distinct pids so far: an open-addressing set (a block holds at most 8192 events)
        private int[] slots = new int[64];
        private boolean[] used = new boolean[64];
        private int pidCount;
        private int lastPid = RawEvent.NO_PID;
        private final byte[] syscalls = new byte[SYSCALL_BYTES];
        private int kinds;

        public void add(RawEvent e, long seq) {
            if (firstSeq < 0) {
                firstSeq = seq;
            }
            lastSeq = seq;
            minTs = Math.min(minTs, e.ts());
            maxTs = Math.max(maxTs, e.ts());
            kinds |= 1 << e.kind().ordinal();
            int pid = pidOf(e);
            if (pid != RawEvent.NO_PID && pid != lastPid) { // threads repeat themselves: most events skip this
                lastPid = pid;
                addPid(pid);
            }
            if (e instanceof SyscallEvent s && s.nr() >= 0 && s.nr() < SyscallTable.MAX_NR) {
                syscalls[s.nr() >> 3] |= (byte) (1 << (s.nr() & 7));
            }
        }

        private void addPid(int pid) {
            int mask = slots.length - 1;
            int i = (pid * 0x9E3779B9) >>> 7 & mask;
            while (used[i]) {
                if (slots[i] == pid) {
                    return;
                }
                i = (i + 1) & mask;
            }
            used[i] = true;
            slots[i] = pid;
            if (++pidCount * 2 > slots.length) {
                int[] old = slots;
                boolean[] was = used;
                slots = new int[old.length * 2];
                used = new boolean[old.length * 2];
                pidCount = 0;
                for (int j = 0; j < old.length; j++) {
                    if (was[j]) {
                        addPid(old[j]);
                    }
                }
            }
        }

        public boolean isEmpty() {
            return firstSeq < 0;
        }

        public RawBlockSummary build() {
            int[] pids = new int[pidCount];
            int n = 0;
            for (int j = 0; j < slots.length; j++) {
                if (used[j]) {
                    pids[n++] = slots[j];
                }
            }
            Arrays.sort(pids);
            return new RawBlockSummary(firstSeq, lastSeq, minTs, maxTs, pids, syscalls.clone(), kinds);
        }
    }

    /** Same content (records compare arrays by identity). */
    public boolean sameAs(RawBlockSummary o) {
        return firstSeq == o.firstSeq && lastSeq == o.lastSeq && minTs == o.minTs && maxTs == o.maxTs
                && Arrays.equals(pids, o.pids) && Arrays.equals(syscalls, o.syscalls) && kinds == o.kinds;
    }
}
