package io.syswire.rawlog;

import com.fasterxml.jackson.core.JsonParseException;
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
import io.syswire.kernel.NearestName;
import io.syswire.kernel.Syscall;
import io.syswire.kernel.SyscallTable;
import io.syswire.output.Json;
import io.syswire.pipeline.RawEventHandler;
import io.syswire.pipeline.Source;
import io.syswire.store.Printable;
import io.syswire.time.Rfc3339;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.syswire.rawlog.RawLogFormat.*;

/**
 * Reads a raw log file (JSON Lines) as a {@link Source}. Unknown fields are ignored; a
 * malformed line stops the read with a {@link BadInputException} naming its line number.
 *
 * <p>JSON parsing is most of an import's cost, so batches of lines are parsed on worker
 * threads (each line as a token stream, not a tree) while the caller's thread runs the
 * pipeline; results are handed on strictly in file order.
 */
public final class RawLogReader implements Source {
    private static final int BATCH = 4096;

    /** A batch is handed to a parser thread at this many lines or this much text, whichever comes first. */
    private static final int BATCH_CHARS = 4 << 20;

    /** The longest text each field may hold: the case's column for it (V1__case_schema.sql). */
    private static final Map<String, Integer> MAX_LENGTH = Map.of(NAME, 256, COMM, 256, EXE, 4096, CMD, 65536, NS, 64,
            CONTAINER + "." + CONTAINER_ID, 128, CONTAINER + "." + CONTAINER_NAME, 256);

    private final RawLines in;
    private final String name;
    private final SyscallTable table;
    private final int workers;
    private long line;
    private long lostSoFar;

    public RawLogReader(BufferedReader in, String name, SyscallTable table) {
        this(RawLines.of(in, name), name, table, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** Reads raw bytes, decoded as strict UTF-8 line by line (an encoding error names its line). */
    public RawLogReader(InputStream in, String name, SyscallTable table) {
        this(RawLines.of(in, name), name, table, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public RawLogReader(BufferedReader in, String name, SyscallTable table, int workers) {
        this(RawLines.of(in, name), name, table, workers);
    }

    private RawLogReader(RawLines in, String name, SyscallTable table, int workers) {
        this.in = in;
        this.name = name;
        this.table = table;
        this.workers = workers;
    }

    /** A batch of lines and the number of its first line. */
    private record Batch(long firstLine, List<String> lines) {
    }

    /** A batch's records, and the line of each lost record among them (their counts are summed in order). */
    private record Parsed(List<RawEvent> events, long[] lostLines) {
    }

    @Override
    public void drain(RawEventHandler handler) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "raw-log-parser");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<LineParser> parsers = ThreadLocal.withInitial(LineParser::new);
        ArrayDeque<Future<Parsed>> inFlight = new ArrayDeque<>();
        try {
            Batch b;
            while ((b = readBatch()) != null) {
                Batch batch = b;
                inFlight.add(pool.submit(() -> parsers.get().parseAll(batch)));
                if (inFlight.size() >= 2 * workers) {
                    deliver(inFlight.poll(), handler);
                }
            }
            while (!inFlight.isEmpty()) {
                deliver(inFlight.poll(), handler);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void deliver(Future<Parsed> f, RawEventHandler handler) throws IOException {
        Parsed parsed;
        try {
            parsed = f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("import interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
        int lost = 0;
        for (RawEvent e : parsed.events()) {
            if (e instanceof LostEvent l) {
                long line = parsed.lostLines()[lost++];
                try {
                    lostSoFar = Math.addExact(lostSoFar, l.count());
                } catch (ArithmeticException overflow) {
                    throw new BadInputException(name + " line " + line + ": the lost counts add up to more than "
                            + Long.MAX_VALUE + " records");
                }
            }
            handler.accept(e);
        }
    }

    private Batch readBatch() throws IOException {
        List<String> lines = new ArrayList<>(BATCH);
        long first = line + 1;
        long chars = 0;
        String text;
        while (lines.size() < BATCH && chars < BATCH_CHARS && (text = in.next()) != null) {
            line++;
            chars += text.length();
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            lines.add(text);
        }
        return lines.isEmpty() ? null : new Batch(first, lines);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Turns lines into records; one per worker thread (it caches syscall lookups). */
    private final class LineParser {
        private final Map<String, Syscall> syscallsByName = new HashMap<>();
        private long line;

        Parsed parseAll(Batch b) {
            List<RawEvent> out = new ArrayList<>(b.lines().size());
            long[] lost = new long[0];
            int lostCount = 0;
            long n = b.firstLine();
            for (String text : b.lines()) {
                if (!text.isBlank()) {
                    RawEvent e = parse(text, n);
                    if (e instanceof LostEvent) {
                        if (lostCount == lost.length) {
                            lost = java.util.Arrays.copyOf(lost, Math.max(4, lost.length * 2));
                        }
                        lost[lostCount++] = n;
                    }
                    out.add(e);
                }
                n++;
            }
            return new Parsed(out, lost);
        }

        /** The fields a line may carry; absent ones stay null. */
        private static final class Fields {
            String kind;
            String ts;
            Long pid;
            Long tid;
            Long ppid;
            String startTime;
            String comm;
            Long uid;
            Long gid;
            String capEffective;
            String capPermitted;
            String capInheritable;
            String syscall;
            Long nr;
            Args args;
            Long ret;
            Long mntNs;
            Long pidNs;
            Long cgroupId;
            String name;
            String exe;
            String cmd;
            String ns;
            String containerId;
            String containerName;
            String podUid;
            Long childPid;
            String childStartTime;
            Long code;
            Long count;
        }

        RawEvent parse(String text, long lineNo) {
            line = lineNo;
            Fields f = new Fields();
            try (JsonParser p = Json.FACTORY.createParser(text)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw bad("a record must be a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken t = p.nextToken();
                    if (t == JsonToken.VALUE_NULL) {
                        continue; // null is the same as absent
                    }
                    switch (field) {
                        case KIND -> f.kind = string(p, t, field);
                        case TS -> f.ts = string(p, t, field);
                        case PID -> f.pid = whole(p, t, field);
                        case TID -> f.tid = whole(p, t, field);
                        case PPID -> f.ppid = whole(p, t, field);
                        case START_TIME -> f.startTime = string(p, t, field);
                        case COMM -> f.comm = string(p, t, field);
                        case UID -> f.uid = whole(p, t, field);
                        case GID -> f.gid = whole(p, t, field);
                        case CAP_EFFECTIVE -> f.capEffective = string(p, t, field);
                        case CAP_PERMITTED -> f.capPermitted = string(p, t, field);
                        case CAP_INHERITABLE -> f.capInheritable = string(p, t, field);
                        case SYSCALL -> f.syscall = string(p, t, field);
                        case NR -> f.nr = whole(p, t, field);
                        case ARGS -> f.args = args(p, t);
                        case RET -> f.ret = whole(p, t, field);
                        case MNT_NS -> f.mntNs = whole(p, t, field);
                        case PID_NS -> f.pidNs = whole(p, t, field);
                        case CGROUP_ID -> f.cgroupId = whole(p, t, field);
                        case NAME -> f.name = string(p, t, field);
                        case EXE -> f.exe = string(p, t, field);
                        case CMD -> f.cmd = string(p, t, field);
                        case NS -> f.ns = string(p, t, field);
                        case CONTAINER -> container(p, t, f);
                        case POD -> pod(p, t, f);
                        case CHILD_PID -> f.childPid = whole(p, t, field);
                        case CHILD_START_TIME -> f.childStartTime = string(p, t, field);
                        case CODE -> f.code = whole(p, t, field);
                        case COUNT -> f.count = whole(p, t, field);
                        default -> p.skipChildren(); // unknown fields are ignored
                    }
                }
                if (p.nextToken() != null) {
                    throw bad("not valid JSON (text after the record)");
                }
            } catch (JsonParseException e) {
                throw bad("not valid JSON (" + Printable.quote(e.getOriginalMessage(), 200) + ")");
            } catch (IOException e) {
                throw bad("not valid JSON (" + Printable.quote(e.getMessage(), 200) + ")");
            }
            return build(f);
        }

        private RawEvent build(Fields f) {
            if (f.kind == null) {
                throw bad("missing " + KIND);
            }
            RawEvent.Kind kind = RawEvent.Kind.byLabel(f.kind);
            if (kind == null) {
                throw bad("unknown kind '" + Printable.quote(f.kind) + "' (expected syscall, process, exec, fork, exit, tick or lost)");
            }
            long ts = time(f.ts, TS, true);
            return switch (kind) {
                case SYSCALL -> syscall(f, ts);
                case PROCESS, EXEC -> new ProcessEvent(ts, kind == RawEvent.Kind.EXEC, new ProcessInfo(
                        pid(f.pid, PID, true), time(f.startTime, START_TIME, false), pid(f.ppid, PPID, false), f.name, f.exe,
                        f.cmd, f.ns, f.containerId, f.containerName, f.podUid));
                case FORK -> new ForkEvent(ts, pid(f.pid, PID, true), pid(f.childPid, CHILD_PID, true),
                        time(f.childStartTime, CHILD_START_TIME, false));
                case EXIT -> new ExitEvent(ts, pid(f.pid, PID, true), time(f.startTime, START_TIME, false), exitCode(f.code));
                case TICK -> new TickEvent(ts);
                case LOST -> {
                    if (f.count == null || f.count < 0) {
                        throw bad(COUNT + " must be a whole number >= 0");
                    }
                    yield new LostEvent(ts, f.count);
                }
            };
        }

        /** The exit code as the kernel keeps it, an int: a larger number is refused, not cut. */
        private Integer exitCode(Long code) {
            if (code == null) {
                return null;
            }
            if (code < Integer.MIN_VALUE || code > Integer.MAX_VALUE) {
                throw bad(CODE + " " + code + " is outside " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
            }
            return (int) (long) code;
        }

        private SyscallEvent syscall(Fields f, long ts) {
            int pid = pid(f.pid, PID, true);
            Syscall sc = syscallOf(f);
            long capE = caps(f.capEffective, CAP_EFFECTIVE);
            long capP = caps(f.capPermitted, CAP_PERMITTED);
            boolean hasCapI = f.capInheritable != null;
            long capI = hasCapI ? caps(f.capInheritable, CAP_INHERITABLE) : 0;
            return new SyscallEvent(ts, pid, pid(f.tid, TID, false), pid(f.ppid, PPID, false), time(f.startTime, START_TIME, false),
                    f.comm, pid(f.uid, UID, false), pid(f.gid, GID, false), capE, capP, capI, hasCapI, sc.nr(),
                    f.args == null ? Args.NONE : f.args, f.ret == null ? 0 : f.ret, f.ret != null, unsigned(f.mntNs, MNT_NS),
                    unsigned(f.pidNs, PID_NS), unsigned(f.cgroupId, CGROUP_ID));
        }

        private Syscall syscallOf(Fields f) {
            Syscall byName = null;
            if (f.syscall != null) {
                // The name exactly as the kernel spells it: "sys_read", "socket " or "Read" would
                // be taken by a looser lookup, and then a disagreeing nr would win silently.
                byName = syscallsByName.get(f.syscall);
                if (byName == null) {
                    byName = table.find(f.syscall);
                    if (byName == null || !byName.name().equals(f.syscall)) {
                        Syscall unprefixed = f.syscall.startsWith("sys_") ? table.find(f.syscall.substring(4)) : null;
                        String hint = unprefixed != null ? " (did you mean " + unprefixed.name() + "?)"
                                : NearestName.hint(f.syscall, table.names());
                        throw bad("unknown syscall '" + Printable.quote(f.syscall) + "'" + hint);
                    }
                    syscallsByName.put(f.syscall, byName);
                }
            }
            if (f.nr != null) {
                long nr = f.nr;
                Syscall byNr = nr == (int) nr ? table.byNr((int) nr) : null;
                if (byNr == null) {
                    throw bad("nr " + nr + " is not an x86_64 syscall number");
                }
                if (byName != null && byName != byNr) {
                    throw bad("syscall '" + byName.name() + "' and nr " + nr + " (" + byNr.name() + ") disagree");
                }
                return byNr;
            }
            if (byName == null) {
                throw bad("a syscall record needs syscall or nr");
            }
            return byName;
        }

        private Args args(JsonParser p, JsonToken t) throws IOException {
            if (t != JsonToken.START_OBJECT) {
                throw bad("args must be an object of name -> value");
            }
            List<String> names = new ArrayList<>(6);
            List<Object> values = new ArrayList<>(6);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                names.add(checked(p.currentName(), ARGS));
                values.add(value(p, p.nextToken()));
            }
            return Args.own(names.toArray(new String[0]), values.toArray());
        }

        /** JSON -> the value types Args holds: Long, String, Map, List, Boolean, Double, null. */
        private Object value(JsonParser p, JsonToken t) throws IOException {
            switch (t) {
                case VALUE_NUMBER_INT: {
                    if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                        return p.getLongValue();
                    }
                    BigInteger b = p.getBigIntegerValue();
                    if (b.signum() > 0 && b.bitLength() <= 64) {
                        return b.longValue(); // an unsigned 64-bit register value
                    }
                    throw bad("argument value " + b + " does not fit 64 bits");
                }
                case VALUE_STRING:
                    return checked(p.getText(), ARGS);
                case START_OBJECT: {
                    Map<String, Object> m = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String k = checked(p.currentName(), ARGS);
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
                case VALUE_NUMBER_FLOAT: {
                    double d = p.getDoubleValue();
                    if (!Double.isFinite(d)) {
                        // 1e400 would be stored as "Infinity": a different value
                        throw bad("argument value " + Printable.quote(p.getText()) + " is outside what a double holds");
                    }
                    return d;
                }
                default:
                    return null;
            }
        }

        private void container(JsonParser p, JsonToken t, Fields f) throws IOException {
            if (t != JsonToken.START_OBJECT) {
                throw bad("container must be an object {\"ID\":...,\"Name\":...}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_NULL) {
                    continue;
                }
                switch (k) {
                    case CONTAINER_ID -> f.containerId = string(p, v, CONTAINER + "." + CONTAINER_ID);
                    case CONTAINER_NAME -> f.containerName = string(p, v, CONTAINER + "." + CONTAINER_NAME);
                    default -> p.skipChildren();
                }
            }
        }

        private void pod(JsonParser p, JsonToken t, Fields f) throws IOException {
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                return;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                JsonToken v = p.nextToken();
                if (k.equals(POD_UID) && v == JsonToken.VALUE_STRING) {
                    f.podUid = checked(p.getText(), POD + "." + POD_UID);
                    if (f.podUid.length() > 64) {
                        throw bad(POD + "." + POD_UID + " is " + f.podUid.length() + " characters long; a case holds at most 64");
                    }
                } else {
                    p.skipChildren();
                }
            }
        }

        private String string(JsonParser p, JsonToken t, String field) throws IOException {
            if (t != JsonToken.VALUE_STRING) {
                throw bad(field + " must be a string");
            }
            String s = checked(p.getText(), field);
            int max = MAX_LENGTH.getOrDefault(field, Integer.MAX_VALUE);
            if (s.length() > max) {
                throw bad(field + " is " + s.length() + " characters long; a case holds at most " + max);
            }
            return s;
        }

        /**
         * A string from the log, refused if it holds half of a UTF-16 surrogate pair ("\ud800"):
         * stored as UTF-8 it would turn into '?', a different value.
         */
        private String checked(String s, String field) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isSurrogate(c)) {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        i++;
                        continue;
                    }
                    throw bad(field + " holds a lone surrogate (\\u" + String.format("%04x", (int) c)
                            + "), which is no Unicode text");
                }
            }
            return s;
        }

        private Long whole(JsonParser p, JsonToken t, String field) throws IOException {
            if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw bad(field + " must be a whole number");
            }
            return p.getLongValue();
        }

        private long time(String s, String field, boolean required) {
            if (s == null) {
                if (required) {
                    throw bad("missing " + field);
                }
                return RawEvent.NO_TIME;
            }
            try {
                return Rfc3339.parse(s, field);
            } catch (BadInputException e) {
                throw bad(e.getMessage());
            }
        }

        private int pid(Long v, String field, boolean required) {
            if (v == null) {
                if (required) {
                    throw bad("missing " + field);
                }
                return RawEvent.NO_PID;
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw bad(field + " must be a whole number >= 0");
            }
            return (int) (long) v;
        }

        private long unsigned(Long v, String field) {
            if (v == null) {
                return 0;
            }
            if (v < 0) {
                throw bad(field + " must be a whole number >= 0");
            }
            return v;
        }

        private long caps(String s, String field) {
            if (s == null) {
                throw bad("missing " + field);
            }
            try {
                return CapabilitySet.parseHex(s);
            } catch (BadInputException e) {
                throw bad(field + ": " + e.getMessage());
            }
        }

        private BadInputException bad(String what) {
            return new BadInputException(name + " line " + line + ": " + what);
        }
    }
}
