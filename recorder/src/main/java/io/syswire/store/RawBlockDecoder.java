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
    private final Map<Integer, ThreadState> lastByTid = new HashMap<>();
    private int prevTid;
    private ThreadState prevState;
    /** null: every syscall record is made into an event; otherwise only those it wants. */
    private CallFilter filter;

    /** Which syscall records to make into events, judged before their arguments are read. */
    public interface CallFilter {
        boolean wants(long ts, int pid, int nr);
    }

    /** What a thread's last syscall record said: the base of its next record's deltas. */
    private static final class ThreadState {
        int pid, ppid, uid, gid;
        long start, capE, capP, capI, mntNs, pidNs, cgroup;
        boolean hasCapI;
        String comm;
    }

    private static final int ALL_FIELDS = F_PID | F_PPID | F_START | F_COMM | F_UID | F_GID | F_CAP_E | F_CAP_P | F_CAP_I
            | F_MNT_NS | F_PID_NS | F_CGROUP;

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
        filter = null;
        return read();
    }

    /**
     * The next event, or null for a syscall record the filter does not want: its arguments are
     * skipped, not decoded, and no event is made. Other kinds are always made (they are rare).
     */
    public RawEvent next(CallFilter wanted) {
        filter = wanted;
        return read();
    }

    private RawEvent read() {
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
        ThreadState p;
        if (tid == prevTid && prevState != null) {
            p = prevState;
        } else {
            p = lastByTid.get(tid);
        }
        prevTid = tid;
        int mask = (int) varint();
        if (p == null) {
            if ((mask & ALL_FIELDS) != ALL_FIELDS) {
                throw new NullPointerException(); // a delta against a thread the block never described
            }
            p = new ThreadState();
            lastByTid.put(tid, p);
        }
        prevState = p;
        if ((mask & F_PID) != 0) p.pid = (int) unzigzag(varint());
        if ((mask & F_PPID) != 0) p.ppid = (int) unzigzag(varint());
        if ((mask & F_START) != 0) p.start = unzigzag(varint());
        if ((mask & F_COMM) != 0) p.comm = string();
        if ((mask & F_UID) != 0) p.uid = (int) unzigzag(varint());
        if ((mask & F_GID) != 0) p.gid = (int) unzigzag(varint());
        if ((mask & F_CAP_E) != 0) p.capE = varint();
        if ((mask & F_CAP_P) != 0) p.capP = varint();
        if ((mask & F_CAP_I) != 0) {
            p.hasCapI = (mask & F_HAS_CAP_I) != 0;
            p.capI = p.hasCapI ? varint() : 0;
        }
        if ((mask & F_MNT_NS) != 0) p.mntNs = varint();
        if ((mask & F_PID_NS) != 0) p.pidNs = varint();
        if ((mask & F_CGROUP) != 0) p.cgroup = varint();
        int nr = (int) varint();
        boolean hasRet = (mask & F_HAS_RET) != 0;
        long ret = hasRet ? unzigzag(varint()) : 0;
        int n = (int) varint();
        if (filter != null && !filter.wants(ts, p.pid, nr)) {
            for (int i = 0; i < n; i++) {
                string();
                skipValue();
            }
            return null;
        }
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
        return new SyscallEvent(ts, p.pid, tid, p.ppid, p.start, p.comm, p.uid, p.gid, p.capE, p.capP, p.capI, p.hasCapI,
                nr, args, ret, hasRet, p.mntNs, p.pidNs, p.cgroup);
    }

    /** Reads past a value as {@link #value} would, making nothing but new dictionary strings. */
    private void skipValue() {
        int tag = buf[pos++];
        switch (tag) {
            case V_NULL, V_TRUE, V_FALSE -> {
            }
            case V_LONG, V_DOUBLE -> varint();
            case V_STRING -> string();
            case V_MAP -> {
                int n = (int) varint();
                for (int i = 0; i < n; i++) {
                    string();
                    skipValue();
                }
            }
            case V_LIST -> {
                int n = (int) varint();
                for (int i = 0; i < n; i++) {
                    skipValue();
                }
            }
            default -> throw new BadInputException("raw block holds an unknown value tag " + tag);
        }
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
