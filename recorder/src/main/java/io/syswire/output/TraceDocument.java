package io.syswire.output;

import com.fasterxml.jackson.core.JsonGenerator;
import io.syswire.config.Meta;
import io.syswire.event.Args;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.kernel.CapabilitySet;
import io.syswire.machine.Image;
import io.syswire.machine.Trace;
import io.syswire.machine.TraceEvent;
import io.syswire.time.Rfc3339;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A trace as syswire publishes it, in the seed's shape: {@code process}, {@code tripwire}
 * and {@code context}, then syswire's extras (trace id, end reason, completeness, the
 * capability sets at the tripwire). {@link Meta} selects the process/container/pod fields.
 */
public final class TraceDocument {
    private TraceDocument() {
    }

    public static String json(Trace t, Meta meta) {
        try {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = Json.FACTORY.createGenerator(w)) {
                write(g, t, meta);
            }
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(JsonGenerator g, Trace t, Meta meta) throws IOException {
        g.writeStartObject();
        writeProcess(g, t.process(), t.ancestry(), meta);
        g.writeFieldName("tripwire");
        writeEvent(g, t.tripwire());
        g.writeArrayFieldStart("context");
        for (TraceEvent e : t.context()) {
            writeEvent(g, e);
        }
        g.writeEndArray();
        if (!t.execs().isEmpty()) {
            g.writeArrayFieldStart("execs");
            for (Image i : t.execs()) {
                g.writeStartObject();
                g.writeStringField("timestamp", Rfc3339.format(i.ts()));
                writeImage(g, i.name(), i.exe(), i.cmd());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
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

    /** An image's fields; absent ones are left out. */
    private static void writeImage(JsonGenerator g, String name, String exe, String cmd) throws IOException {
        if (name != null) {
            g.writeStringField("name", name);
        }
        if (exe != null) {
            g.writeStringField("exe", exe);
        }
        if (cmd != null) {
            g.writeStringField("cmd", cmd);
        }
    }

    private static void writeProcess(JsonGenerator g, ProcessInfo p, List<ProcessInfo> ancestry, Meta meta)
            throws IOException {
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
        if (meta.process("ancestry") && !ancestry.isEmpty()) {
            g.writeArrayFieldStart("ancestry");
            for (ProcessInfo a : ancestry) {
                g.writeStartObject();
                g.writeNumberField("pid", a.pid());
                writeImage(g, a.name(), a.exe(), a.cmd());
                if (a.hasStartTime()) {
                    g.writeStringField("startedAt", Rfc3339.format(a.startTime()));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
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
