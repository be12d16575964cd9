package io.syswire.store;

import io.syswire.event.Args;
import io.syswire.event.ExitEvent;
import io.syswire.event.ForkEvent;
import io.syswire.event.LostEvent;
import io.syswire.event.ProcessEvent;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.event.SyscallEvent;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.syswire.store.RawBlockFormat.*;

/** Packs raw events into {@link RawBlock}s (format: {@link RawBlockFormat}). Not thread-safe. */
public final class RawBlockEncoder {
    private final int maxEvents;
    private final int maxBytes;

    private byte[] buf = new byte[64 * 1024];
    private int len;
    private final Map<String, Integer> strings = new HashMap<>();
    private long firstSeq = -1;
    private int count;
    private long firstTs;
    private long prevTs;
    /** The last syscall record of each thread in this block: the base of the next one's deltas. */
    private final Map<Integer, SyscallEvent> lastByTid = new HashMap<>();
    private int prevTid;

    public RawBlockEncoder(int maxEvents, int maxBytes) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        reset();
    }

    public RawBlockEncoder() {
        this(8192, 512 * 1024);
    }

    public void add(RawEvent e, long seq) {
        if (count == 0) {
            firstSeq = seq;
            firstTs = e.ts();
        } else if (seq != firstSeq + count) {
            throw new IllegalArgumentException("raw events must be stored in sequence: expected " + (firstSeq + count) + ", got " + seq);
        }
        long ts = e.ts();
        if (e instanceof SyscallEvent s) {
            u8(TAG_SYSCALL);
            zigzag(ts - prevTs);
            syscall(s);
        } else if (e instanceof ProcessEvent p) {
            u8(p.exec() ? TAG_EXEC : TAG_PROCESS);
            zigzag(ts - prevTs);
            process(p.info());
        } else if (e instanceof ForkEvent f) {
            u8(TAG_FORK);
            zigzag(ts - prevTs);
            zigzag(f.pid());
            zigzag(f.childPid());
            zigzag(f.childStartTime());
        } else if (e instanceof ExitEvent x) {
            u8(TAG_EXIT);
            zigzag(ts - prevTs);
            zigzag(x.pid());
            zigzag(x.startTime());
            if (x.code() == null) {
                u8(0);
            } else {
                u8(1);
                zigzag(x.code());
            }
        } else if (e instanceof LostEvent l) {
            u8(TAG_LOST);
            zigzag(ts - prevTs);
            zigzag(l.count());
        } else {
            u8(TAG_TICK);
            zigzag(ts - prevTs);
        }
        prevTs = ts;
        count++;
    }

    private void syscall(SyscallEvent s) {
        zigzag((long) s.tid() - prevTid);
        prevTid = s.tid();
        SyscallEvent p = lastByTid.put(s.tid(), s);
        int mask = 0;
        if (p == null || s.pid() != p.pid()) mask |= F_PID;
        if (p == null || s.ppid() != p.ppid()) mask |= F_PPID;
        if (p == null || s.startTime() != p.startTime()) mask |= F_START;
        if (p == null || !Objects.equals(s.comm(), p.comm())) mask |= F_COMM;
        if (p == null || s.uid() != p.uid()) mask |= F_UID;
        if (p == null || s.gid() != p.gid()) mask |= F_GID;
        if (p == null || s.capEffective() != p.capEffective()) mask |= F_CAP_E;
        if (p == null || s.capPermitted() != p.capPermitted()) mask |= F_CAP_P;
        if (p == null || s.hasCapInheritable() != p.hasCapInheritable() || s.capInheritable() != p.capInheritable()) {
            mask |= F_CAP_I;
            if (s.hasCapInheritable()) mask |= F_HAS_CAP_I;
        }
        if (p == null || s.mntNs() != p.mntNs()) mask |= F_MNT_NS;
        if (p == null || s.pidNs() != p.pidNs()) mask |= F_PID_NS;
        if (p == null || s.cgroupId() != p.cgroupId()) mask |= F_CGROUP;
        if (s.hasRet()) mask |= F_HAS_RET;
        varint(mask);
        if ((mask & F_PID) != 0) zigzag(s.pid());
        if ((mask & F_PPID) != 0) zigzag(s.ppid());
        if ((mask & F_START) != 0) zigzag(s.startTime());
        if ((mask & F_COMM) != 0) string(s.comm());
        if ((mask & F_UID) != 0) zigzag(s.uid());
        if ((mask & F_GID) != 0) zigzag(s.gid());
        if ((mask & F_CAP_E) != 0) varint(s.capEffective());
        if ((mask & F_CAP_P) != 0) varint(s.capPermitted());
        if ((mask & F_HAS_CAP_I) != 0) varint(s.capInheritable());
        if ((mask & F_MNT_NS) != 0) varint(s.mntNs());
        if ((mask & F_PID_NS) != 0) varint(s.pidNs());
        if ((mask & F_CGROUP) != 0) varint(s.cgroupId());
        varint(s.nr());
        if (s.hasRet()) zigzag(s.ret());
        Args a = s.args();
        varint(a.size());
        for (int i = 0; i < a.size(); i++) {
            string(a.name(i));
            value(a.value(i));
        }
    }

    private void process(ProcessInfo p) {
        zigzag(p.pid());
        zigzag(p.startTime());
        zigzag(p.ppid());
        string(p.name());
        string(p.exe());
        string(p.cmd());
        string(p.ns());
        string(p.containerId());
        string(p.containerName());
        string(p.podUid());
    }

    private void value(Object v) {
        if (v == null) {
            u8(V_NULL);
        } else if (v instanceof Long l) {
            u8(V_LONG);
            zigzag(l);
        } else if (v instanceof String str) {
            u8(V_STRING);
            string(str);
        } else if (v instanceof Boolean b) {
            u8(b ? V_TRUE : V_FALSE);
        } else if (v instanceof Double d) {
            u8(V_DOUBLE);
            varint(Double.doubleToRawLongBits(d));
        } else if (v instanceof Map<?, ?> m) {
            u8(V_MAP);
            varint(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                string(String.valueOf(e.getKey()));
                value(e.getValue());
            }
        } else if (v instanceof List<?> l) {
            u8(V_LIST);
            varint(l.size());
            for (Object o : l) {
                value(o);
            }
        } else if (v instanceof Integer n) {
            u8(V_LONG);
            zigzag(n);
        } else {
            throw new IllegalArgumentException("cannot store argument value of type " + v.getClass().getName());
        }
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Whether the block should be cut before the next event. */
    public boolean isFull() {
        return count >= maxEvents || len >= maxBytes;
    }

    public int count() {
        return count;
    }

    /** Returns the block built so far and starts a new one. */
    public RawBlock finishBlock() {
        RawBlock b = new RawBlock(firstSeq, count, firstTs, prevTs, Arrays.copyOf(buf, len));
        reset();
        return b;
    }

    private void reset() {
        len = 0;
        count = 0;
        prevTs = 0;
        prevTid = 0;
        lastByTid.clear();
        strings.clear();
        u8(VERSION);
    }

    private void string(String s) {
        if (s == null) {
            varint(STR_NULL);
            return;
        }
        Integer idx = strings.get(s);
        if (idx != null) {
            varint(idx + STR_BASE);
            return;
        }
        strings.put(s, strings.size());
        varint(STR_NEW);
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
    }

    private void zigzag(long v) {
        varint((v << 1) ^ (v >> 63));
    }

    private void varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[len++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[len++] = (byte) v;
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
