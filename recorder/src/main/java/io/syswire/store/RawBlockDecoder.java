package io.syswire.store;

import io.syswire.BadInputException;
import io.syswire.event.Args;
import io.syswire.event.ExitEvent;
import io.syswire.event.ForkEvent;
import io.syswire.event.LostEvent;
import io.syswire.event.ProcessEvent;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.event.SyscallEvent;
import io.syswire.event.TickEvent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.syswire.store.RawBlockFormat.*;

/**
 * Reads a block back into the raw events it was made of, one at a time: the one decoder
 * behind replays, exports and the {@code raw_events} view.
 */
public final class RawBlockDecoder {
    private final byte[] buf;
    private final int remainingEvents;
    private final List<String> strings = new ArrayList<>();
    private int pos;
    private int decoded;
    private long prevTs;
    /** The last syscall record of each thread in this block: the base of the next one's deltas. */
    private final Map<Integer, SyscallEvent> lastByTid = new HashMap<>();
    private int prevTid;

    public RawBlockDecoder(byte[] data, int eventCount) {
        this.buf = data;
        this.remainingEvents = eventCount;
        if (data.length == 0 || data[0] != VERSION) {
            throw new BadInputException("raw block has unknown format version " + (data.length == 0 ? "(empty)" : data[0]));
        }
        pos = 1;
    }

    public boolean hasNext() {
        return decoded < remainingEvents;
    }

    public RawEvent next() {
        if (pos >= buf.length) {
            throw new BadInputException("raw block is truncated after " + decoded + " events");
        }
        try {
            return decodeNext();
        } catch (IndexOutOfBoundsException | NullPointerException e) {
            // a read past the end, or a delta against a thread the block never described
            throw new BadInputException("raw block is truncated or corrupt after " + decoded + " events");
        }
    }

    private RawEvent decodeNext() {
        decoded++;
        int tag = buf[pos++];
        long ts = prevTs + unzigzag(varint());
        prevTs = ts;
        switch (tag) {
            case TAG_SYSCALL:
                return syscall(ts);
            case TAG_PROCESS:
            case TAG_EXEC:
                return new ProcessEvent(ts, tag == TAG_EXEC, process());
            case TAG_FORK:
                return new ForkEvent(ts, (int) unzigzag(varint()), (int) unzigzag(varint()), unzigzag(varint()));
            case TAG_EXIT: {
                int p = (int) unzigzag(varint());
                long st = unzigzag(varint());
                Integer code = buf[pos++] == 0 ? null : (int) unzigzag(varint());
                return new ExitEvent(ts, p, st, code);
            }
            case TAG_TICK:
                return new TickEvent(ts);
            case TAG_LOST:
                return new LostEvent(ts, unzigzag(varint()));
            default:
                throw new BadInputException("raw block holds an unknown record tag " + tag);
        }
    }

    private SyscallEvent syscall(long ts) {
        int tid = (int) (prevTid + unzigzag(varint()));
        prevTid = tid;
        SyscallEvent p = lastByTid.get(tid);
        int mask = (int) varint();
        int pid = (mask & F_PID) != 0 ? (int) unzigzag(varint()) : p.pid();
        int ppid = (mask & F_PPID) != 0 ? (int) unzigzag(varint()) : p.ppid();
        long start = (mask & F_START) != 0 ? unzigzag(varint()) : p.startTime();
        String comm = (mask & F_COMM) != 0 ? string() : p.comm();
        int uid = (mask & F_UID) != 0 ? (int) unzigzag(varint()) : p.uid();
        int gid = (mask & F_GID) != 0 ? (int) unzigzag(varint()) : p.gid();
        long capE = (mask & F_CAP_E) != 0 ? varint() : p.capEffective();
        long capP = (mask & F_CAP_P) != 0 ? varint() : p.capPermitted();
        boolean hasCapI = (mask & F_CAP_I) != 0 ? (mask & F_HAS_CAP_I) != 0 : p.hasCapInheritable();
        long capI = (mask & F_CAP_I) != 0 ? (hasCapI ? varint() : 0) : p.capInheritable();
        long mntNs = (mask & F_MNT_NS) != 0 ? varint() : p.mntNs();
        long pidNs = (mask & F_PID_NS) != 0 ? varint() : p.pidNs();
        long cgroup = (mask & F_CGROUP) != 0 ? varint() : p.cgroupId();
        int nr = (int) varint();
        boolean hasRet = (mask & F_HAS_RET) != 0;
        long ret = hasRet ? unzigzag(varint()) : 0;
        int n = (int) varint();
        Args args = Args.NONE;
        if (n > 0) {
            String[] names = new String[n];
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                names[i] = string();
                values[i] = value();
            }
            args = Args.own(names, values);
        }
        SyscallEvent s = new SyscallEvent(ts, pid, tid, ppid, start, comm, uid, gid, capE, capP, capI, hasCapI, nr, args,
                ret, hasRet, mntNs, pidNs, cgroup);
        lastByTid.put(tid, s);
        return s;
    }

    private ProcessInfo process() {
        int p = (int) unzigzag(varint());
        long st = unzigzag(varint());
        int pp = (int) unzigzag(varint());
        return new ProcessInfo(p, st, pp, string(), string(), string(), string(), string(), string(), string());
    }

    private Object value() {
        int tag = buf[pos++];
        return switch (tag) {
            case V_NULL -> null;
            case V_LONG -> unzigzag(varint());
            case V_STRING -> string();
            case V_MAP -> {
                int n = (int) varint();
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    m.put(string(), value());
                }
                yield m;
            }
            case V_LIST -> {
                int n = (int) varint();
                List<Object> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    l.add(value());
                }
                yield l;
            }
            case V_TRUE -> Boolean.TRUE;
            case V_FALSE -> Boolean.FALSE;
            case V_DOUBLE -> Double.longBitsToDouble(varint());
            default -> throw new BadInputException("raw block holds an unknown value tag " + tag);
        };
    }

    private String string() {
        int ref = (int) varint();
        if (ref == STR_NULL) {
            return null;
        }
        if (ref == STR_NEW) {
            int n = (int) varint();
            if (n < 0 || pos + n > buf.length) {
                throw new BadInputException("raw block string runs past the block");
            }
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            strings.add(s);
            return s;
        }
        int idx = ref - STR_BASE;
        if (idx >= strings.size()) {
            throw new BadInputException("raw block refers to string " + idx + " before defining it");
        }
        return strings.get(idx);
    }

    private long varint() {
        long v = 0;
        int shift = 0;
        while (true) {
            if (pos >= buf.length || shift > 63) {
                throw new BadInputException("raw block is truncated or corrupt");
            }
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
            shift += 7;
        }
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
