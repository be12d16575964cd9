package io.syswire.rawlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.syswire.kernel.Syscall;
import io.syswire.kernel.SyscallTable;
import io.syswire.output.Json;
import io.syswire.pipeline.RawEventHandler;
import io.syswire.pipeline.Source;
import io.syswire.time.Rfc3339;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.syswire.rawlog.RawLogFormat.*;

/**
 * Reads a raw log file (JSON Lines) as a {@link Source}. Unknown fields are ignored; a
 * malformed line stops the read with a {@link BadInputException} naming its line number.
 */
public final class RawLogReader implements Source {
    private final BufferedReader in;
    private final String name;
    private final SyscallTable table;
    private long line;

    public RawLogReader(BufferedReader in, String name, SyscallTable table) {
        this.in = in;
        this.name = name;
        this.table = table;
    }

    @Override
    public void drain(RawEventHandler handler) throws IOException {
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.isBlank()) {
                continue;
            }
            handler.accept(parseLine(text));
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    RawEvent parseLine(String text) {
        JsonNode node;
        try {
            node = Json.TREE.readTree(text);
        } catch (JsonProcessingException e) {
            throw bad("not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!(node instanceof ObjectNode o)) {
            throw bad("a record must be a JSON object");
        }
        String kindText = string(o, KIND, true);
        RawEvent.Kind kind = RawEvent.Kind.byLabel(kindText);
        if (kind == null) {
            throw bad("unknown kind '" + kindText + "' (expected syscall, process, exec, fork, exit, tick or lost)");
        }
        long ts = time(o, TS, true);
        return switch (kind) {
            case SYSCALL -> syscall(o, ts);
            case PROCESS, EXEC -> new ProcessEvent(ts, kind == RawEvent.Kind.EXEC, processInfo(o));
            case FORK -> new ForkEvent(ts, pid(o, PID, true), pid(o, CHILD_PID, true), time(o, CHILD_START_TIME, false));
            case EXIT -> new ExitEvent(ts, pid(o, PID, true), time(o, START_TIME, false),
                    o.hasNonNull(CODE) ? (int) integer(o, CODE) : null);
            case TICK -> new TickEvent(ts);
            case LOST -> new LostEvent(ts, integer(o, COUNT));
        };
    }

    private SyscallEvent syscall(ObjectNode o, long ts) {
        int pid = pid(o, PID, true);
        Syscall sc = syscallOf(o);
        long capE = caps(o, CAP_EFFECTIVE, true);
        long capP = caps(o, CAP_PERMITTED, true);
        boolean hasCapI = o.hasNonNull(CAP_INHERITABLE);
        long capI = hasCapI ? caps(o, CAP_INHERITABLE, true) : 0;
        boolean hasRet = o.hasNonNull(RET);
        return new SyscallEvent(ts, pid, pid(o, TID, false), pid(o, PPID, false), time(o, START_TIME, false),
                string(o, COMM, false), pid(o, UID, false), pid(o, GID, false), capE, capP, capI, hasCapI,
                sc.nr(), args(o), hasRet ? integer(o, RET) : 0, hasRet, unsigned(o, MNT_NS), unsigned(o, PID_NS),
                unsigned(o, CGROUP_ID));
    }

    private Syscall syscallOf(ObjectNode o) {
        Syscall byName = null;
        if (o.hasNonNull(SYSCALL)) {
            String n = string(o, SYSCALL, true);
            byName = table.find(n);
            if (byName == null) {
                try {
                    table.byName(n);
                } catch (BadInputException e) {
                    throw bad(e.getMessage());
                }
            }
        }
        if (o.hasNonNull(NR)) {
            long nr = integer(o, NR);
            Syscall byNr = table.byNr((int) nr);
            if (byNr == null || nr != (int) nr) {
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

    private Args args(ObjectNode o) {
        JsonNode a = o.get(ARGS);
        if (a == null || a.isNull()) {
            return Args.NONE;
        }
        if (!a.isObject()) {
            throw bad("args must be an object of name -> value");
        }
        String[] names = new String[a.size()];
        Object[] values = new Object[a.size()];
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); i++) {
            Map.Entry<String, JsonNode> e = it.next();
            names[i] = e.getKey();
            values[i] = value(e.getValue());
        }
        return Args.own(names, values);
    }

    /** JSON -> the value types Args holds: Long, String, Map, List, Boolean, Double, null. */
    private Object value(JsonNode v) {
        if (v.isIntegralNumber()) {
            if (v.canConvertToLong()) {
                return v.longValue();
            }
            BigInteger b = v.bigIntegerValue();
            if (b.signum() > 0 && b.bitLength() <= 64) {
                return b.longValue(); // an unsigned 64-bit register value
            }
            throw bad("argument value " + b + " does not fit 64 bits");
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            v.fields().forEachRemaining(e -> m.put(e.getKey(), value(e.getValue())));
            return m;
        }
        if (v.isArray()) {
            List<Object> l = new ArrayList<>();
            v.forEach(x -> l.add(value(x)));
            return l;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        return null;
    }

    private ProcessInfo processInfo(ObjectNode o) {
        String containerId = null;
        String containerName = null;
        JsonNode c = o.get(CONTAINER);
        if (c != null && !c.isNull()) {
            if (!c.isObject()) {
                throw bad("container must be an object {\"ID\":...,\"Name\":...}");
            }
            containerId = string((ObjectNode) c, CONTAINER_ID, false);
            containerName = string((ObjectNode) c, CONTAINER_NAME, false);
        }
        String podUid = null;
        JsonNode p = o.get(POD);
        if (p != null && p.isObject()) {
            podUid = string((ObjectNode) p, POD_UID, false);
        }
        return new ProcessInfo(pid(o, PID, true), time(o, START_TIME, false), pid(o, PPID, false),
                string(o, NAME, false), string(o, EXE, false), string(o, CMD, false), string(o, NS, false),
                containerId, containerName, podUid);
    }

    private String string(ObjectNode o, String field, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw bad("missing " + field);
            }
            return null;
        }
        if (!v.isTextual()) {
            throw bad(field + " must be a string");
        }
        return v.textValue();
    }

    private long time(ObjectNode o, String field, boolean required) {
        String s = string(o, field, required);
        if (s == null) {
            return RawEvent.NO_TIME;
        }
        try {
            return Rfc3339.parse(s, field);
        } catch (BadInputException e) {
            throw bad(e.getMessage());
        }
    }

    private int pid(ObjectNode o, String field, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw bad("missing " + field);
            }
            return RawEvent.NO_PID;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0) {
            throw bad(field + " must be a whole number >= 0");
        }
        return v.intValue();
    }

    private long integer(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad(field + " must be a whole number");
        }
        return v.longValue();
    }

    private long unsigned(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw bad(field + " must be a whole number >= 0");
        }
        return v.longValue();
    }

    private long caps(ObjectNode o, String field, boolean required) {
        String s = string(o, field, required);
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
