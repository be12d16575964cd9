package io.syswire.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.syswire.config.Meta;
import io.syswire.event.Args;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.kernel.CapabilitySet;
import io.syswire.machine.Trace;
import io.syswire.machine.TraceEvent;
import io.syswire.time.Rfc3339;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * A trace as syswire publishes it, in the seed's shape: {@code process}, {@code tripwire}
 * and {@code context}, then syswire's extras (trace id, end reason, completeness, the
 * capability sets at the tripwire). {@link Meta} selects the process/container/pod fields.
 */
public final class TraceDocument {
    private TraceDocument() {
    }

    public static String json(Trace t, Meta meta) {
        return render(t, meta, false);
    }

    public static String pretty(Trace t, Meta meta) {
        return render(t, meta, true);
    }

    private static String render(Trace t, Meta meta, boolean pretty) {
        try {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = Json.FACTORY.createGenerator(w)) {
                if (pretty) {
                    g.setPrettyPrinter(new DefaultPrettyPrinter());
                }
                write(g, t, meta);
            }
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(JsonGenerator g, Trace t, Meta meta) throws IOException {
        g.writeStartObject();
        writeProcess(g, t.process(), meta);
        g.writeFieldName("tripwire");
        writeEvent(g, t.tripwire());
        g.writeArrayFieldStart("context");
        for (TraceEvent e : t.context()) {
            writeEvent(g, e);
        }
        g.writeEndArray();
        g.writeNumberField("traceId", t.traceId());
        g.writeStringField("endReason", t.endReason().label());
        g.writeStringField("closedAt", Rfc3339.format(t.closedTs()));
        g.writeBooleanField("complete", t.complete());
        g.writeNumberField("lostEvents", t.lostEvents());
        g.writeObjectFieldStart("capabilities");
        g.writeStringField("effective", CapabilitySet.hex(t.capEffective()));
        g.writeStringField("permitted", CapabilitySet.hex(t.capPermitted()));
        g.writeArrayFieldStart("elevated");
        for (String c : CapabilitySet.labels(t.elevatedHeld())) {
            g.writeString(c);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeProcess(JsonGenerator g, ProcessInfo p, Meta meta) throws IOException {
        g.writeObjectFieldStart("process");
        if (meta.process("cmd") && p.cmd() != null) {
            g.writeStringField("cmd", p.cmd());
        }
        if (meta.process("exe") && p.exe() != null) {
            g.writeStringField("exe", p.exe());
        }
        if (meta.process("name") && p.name() != null) {
            g.writeStringField("name", p.name());
        }
        if (meta.process("ns") && p.ns() != null) {
            g.writeStringField("ns", p.ns());
        }
        if (meta.process("pid")) {
            g.writeNumberField("pid", p.pid());
        }
        if (meta.process("ppid") && p.ppid() != RawEvent.NO_PID) {
            g.writeNumberField("ppid", p.ppid());
        }
        if (meta.process("startedAt") && p.hasStartTime()) {
            g.writeStringField("startedAt", Rfc3339.format(p.startTime()));
        }
        boolean id = meta.containerId() && p.containerId() != null;
        boolean name = meta.containerName() && p.containerName() != null;
        if (id || name) {
            g.writeObjectFieldStart("container");
            if (id) {
                g.writeStringField("ID", p.containerId());
            }
            if (name) {
                g.writeStringField("Name", p.containerName());
            }
            g.writeEndObject();
        }
        if (meta.podUid() && p.podUid() != null) {
            g.writeObjectFieldStart("pod");
            g.writeStringField("UID", p.podUid());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    public static void writeEvent(JsonGenerator g, TraceEvent e) throws IOException {
        g.writeStartObject();
        g.writeStringField("syscall", e.syscall());
        g.writeFieldName("args");
        writeArgs(g, e.args());
        g.writeStringField("timestamp", Rfc3339.format(e.ts()));
        if (e.hasRet()) {
            g.writeNumberField("ret", e.ret());
        }
        if (e.tid() != RawEvent.NO_PID) {
            g.writeNumberField("tid", e.tid());
        }
        g.writeEndObject();
    }

    public static void writeArgs(JsonGenerator g, Args args) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < args.size(); i++) {
            g.writeFieldName(args.name(i));
            Json.writeValue(g, args.value(i));
        }
        g.writeEndObject();
    }
}
