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
import io.syswire.output.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
    // the previous syscall record's fields
    private int pid = RawEvent.NO_PID;
    private int tid = RawEvent.NO_PID;
    private int ppid = RawEvent.NO_PID;
    private long start = RawEvent.NO_TIME;
    private String comm;
    private int uid = RawEvent.NO_PID;
    private int gid = RawEvent.NO_PID;
    private long capE;
    private long capP;
    private long capI;
    private boolean hasCapI;
    private long mntNs;
    private long pidNs;
    private long cgroup;

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
        int mask = (int) varint();
        if ((mask & F_PID) != 0) pid = (int) unzigzag(varint());
        if ((mask & F_TID) != 0) tid = (int) unzigzag(varint());
        if ((mask & F_PPID) != 0) ppid = (int) unzigzag(varint());
        if ((mask & F_START) != 0) start = unzigzag(varint());
        if ((mask & F_COMM) != 0) comm = string();
        if ((mask & F_UID) != 0) uid = (int) unzigzag(varint());
        if ((mask & F_GID) != 0) gid = (int) unzigzag(varint());
        if ((mask & F_CAP_E) != 0) capE = varint();
        if ((mask & F_CAP_P) != 0) capP = varint();
        if ((mask & F_CAP_I) != 0) {
            hasCapI = (mask & F_HAS_CAP_I) != 0;
            capI = hasCapI ? varint() : 0;
        }
        if ((mask & F_MNT_NS) != 0) mntNs = varint();
        if ((mask & F_PID_NS) != 0) pidNs = varint();
        if ((mask & F_CGROUP) != 0) cgroup = varint();
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
        return new SyscallEvent(ts, pid, tid, ppid, start, comm, uid, gid, capE, capP, capI, hasCapI, nr, args, ret,
                hasRet, mntNs, pidNs, cgroup);
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
            case V_JSON -> Json.parse(string());
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
