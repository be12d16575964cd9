package io.syswire.lake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import io.syswire.kernel.CapabilitySet;
import io.syswire.kernel.SyscallTable;
import io.syswire.output.Json;
import io.syswire.store.Printable;
import io.syswire.time.Rfc3339;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A raw event as a row of the {@code raw_events} table, in {@link LakeTable#RAW_EVENTS}'s
 * columns (the case's {@code raw_events} view without {@code run_id}), and back: export
 * writes rows from events, the fleet replay makes events from rows to feed the state
 * machine. Values and JSON texts are those of the view, so the lake and the case agree.
 */
public final class RawEventColumns {
    private static final int SEQ = 0, TS = 1, KIND = 2, PID = 3, TID = 4, PPID = 5, START_TIME = 6, COMM = 7, UID = 8,
            GID = 9, SYSCALL = 10, NR = 11, ARGS = 12, RET = 13, CAP_E = 14, CAP_P = 15, CAP_I = 16, MNT_NS = 17,
            PID_NS = 18, CGROUP_ID = 19, DETAIL = 20;
    public static final int WIDTH = 21;

    private final SyscallTable table;
    private final StringBuilder json = new StringBuilder(256);
    // Masks repeat row after row: one string each (the same instance also lets the Parquet
    // writer reuse its encoded bytes).
    private final java.util.HashMap<Long, String> masks = new java.util.HashMap<>();

    public RawEventColumns(SyscallTable table) {
        this.table = table;
    }

    /** The event's row (a fresh array). */
    public Object[] row(RawEvent e, long seq) {
        Object[] v = new Object[WIDTH];
        v[SEQ] = seq;
        v[TS] = e.ts();
        v[KIND] = e.kind().label();
        if (e instanceof SyscallEvent c) {
            v[PID] = c.pid();
            v[TID] = optInt(c.tid());
            v[PPID] = optInt(c.ppid());
            v[START_TIME] = optTime(c.startTime());
            v[COMM] = c.comm();
            v[UID] = optInt(c.uid());
            v[GID] = optInt(c.gid());
            v[SYSCALL] = table.nameOf(c.nr());
            v[NR] = c.nr();
            v[ARGS] = args(c.args());
            v[RET] = c.hasRet() ? c.ret() : null;
            v[CAP_E] = mask(c.capEffective());
            v[CAP_P] = mask(c.capPermitted());
            v[CAP_I] = c.hasCapInheritable() ? mask(c.capInheritable()) : null;
            v[MNT_NS] = optId(c.mntNs());
            v[PID_NS] = optId(c.pidNs());
            v[CGROUP_ID] = optId(c.cgroupId());
        } else if (e instanceof ProcessEvent p) {
            ProcessInfo i = p.info();
            v[PID] = i.pid();
            v[PPID] = optInt(i.ppid());
            v[START_TIME] = optTime(i.startTime());
            v[COMM] = i.name();
            v[DETAIL] = Json.text(i.detail());
        } else if (e instanceof ForkEvent f) {
            v[PID] = f.pid();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("child_pid", (long) f.childPid());
            if (f.childStartTime() != RawEvent.NO_TIME) {
                d.put("child_start_time", Rfc3339.format(f.childStartTime()));
            }
            v[DETAIL] = Json.text(d);
        } else if (e instanceof ExitEvent x) {
            v[PID] = x.pid();
            v[START_TIME] = optTime(x.startTime());
            if (x.code() != null) {
                v[DETAIL] = Json.text(Map.of("code", (long) x.code()));
            }
        } else if (e instanceof LostEvent l) {
            v[DETAIL] = Json.text(Map.of("count", l.count()));
        }
        return v;
    }

    /**
     * The event a row describes (the inverse of {@link #row}).
     *
     * @throws BadInputException for a row syswire's export never writes: a lake is input like a raw log
     */
    public RawEvent event(Object[] v) {
        try {
            return decode(v);
        } catch (ClassCastException | NullPointerException | IllegalArgumentException | UncheckedIOException e) {
            throw new BadInputException("raw event " + Printable.quote(String.valueOf(v[SEQ]))
                    + " of the lake is not what syswire's export writes: " + Printable.quote(String.valueOf(e.getMessage())));
        }
    }

    private RawEvent decode(Object[] v) {
        long ts = (Long) v[TS];
        RawEvent.Kind kind = RawEvent.Kind.byLabel((String) v[KIND]);
        if (kind == null) {
            throw new IllegalArgumentException("unknown kind '" + v[KIND] + "'");
        }
        Map<String, Object> d = v[DETAIL] == null ? Map.of() : object((String) v[DETAIL]);
        return switch (kind) {
            case SYSCALL -> new SyscallEvent(ts, (Integer) v[PID], pid(v[TID]), pid(v[PPID]), time(v[START_TIME]),
                    (String) v[COMM], pid(v[UID]), pid(v[GID]), CapabilitySet.parseHex((String) v[CAP_E]),
                    CapabilitySet.parseHex((String) v[CAP_P]), v[CAP_I] == null ? 0 : CapabilitySet.parseHex((String) v[CAP_I]),
                    v[CAP_I] != null, (Integer) v[NR], v[ARGS] == null ? Args.NONE : parseArgs((String) v[ARGS]),
                    v[RET] == null ? 0 : (Long) v[RET], v[RET] != null, id(v[MNT_NS]), id(v[PID_NS]), id(v[CGROUP_ID]));
            case PROCESS, EXEC -> new ProcessEvent(ts, kind == RawEvent.Kind.EXEC, new ProcessInfo((Integer) v[PID],
                    time(v[START_TIME]), pid(v[PPID]), (String) d.get("name"), (String) d.get("exe"), (String) d.get("cmd"),
                    (String) d.get("ns"), (String) d.get("container_id"), (String) d.get("container_name"),
                    (String) d.get("pod_uid")));
            case FORK -> new ForkEvent(ts, (Integer) v[PID], (int) (long) (Long) d.get("child_pid"),
                    d.get("child_start_time") == null ? RawEvent.NO_TIME : Rfc3339.parse((String) d.get("child_start_time"), "child_start_time"));
            case EXIT -> new ExitEvent(ts, (Integer) v[PID], time(v[START_TIME]),
                    d.get("code") == null ? null : (int) (long) (Long) d.get("code"));
            case TICK -> new TickEvent(ts);
            case LOST -> new LostEvent(ts, (Long) d.get("count"));
        };
    }

    /** As the raw_events view renders them: compact, in the kernel's parameter order. */
    private String args(Args a) {
        json.setLength(0);
        Json.appendArgs(json, a);
        return json.toString();
    }

    private String mask(long m) {
        if (masks.size() > 4096) {
            masks.clear();
        }
        return masks.computeIfAbsent(m, CapabilitySet::hex);
    }

    private static Integer optInt(int v) {
        return v == RawEvent.NO_PID ? null : v;
    }

    private static Long optTime(long t) {
        return t == RawEvent.NO_TIME ? null : t;
    }

    private static Long optId(long v) {
        return v == 0 ? null : v;
    }

    private static int pid(Object v) {
        return v == null ? RawEvent.NO_PID : (Integer) v;
    }

    private static long time(Object v) {
        return v == null ? RawEvent.NO_TIME : (Long) v;
    }

    private static long id(Object v) {
        return v == null ? 0 : (Long) v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String text) {
        return (Map<String, Object>) parse(text);
    }

    private static Args parseArgs(String text) {
        Map<String, Object> m = object(text);
        return Args.own(m.keySet().toArray(new String[0]), m.values().toArray());
    }

    /** JSON as the raw log reader reads arguments: whole numbers as Long (an unsigned 64-bit one too). */
    static Object parse(String text) {
        try (JsonParser p = Json.FACTORY.createParser(text)) {
            return value(p, p.nextToken());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_NUMBER_INT: {
                if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    return p.getLongValue();
                }
                BigInteger b = p.getBigIntegerValue();
                return b.longValue();
            }
            case VALUE_STRING:
                return p.getText();
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    m.put(k, value(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                for (JsonToken x = p.nextToken(); x != JsonToken.END_ARRAY; x = p.nextToken()) {
                    l.add(value(p, x));
                }
                return l;
            }
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            default:
                return null;
        }
    }
}
