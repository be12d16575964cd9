package io.syswire.rawlog;

import com.fasterxml.jackson.core.JsonGenerator;
import io.syswire.event.ExitEvent;
import io.syswire.event.ForkEvent;
import io.syswire.event.LostEvent;
import io.syswire.event.ProcessEvent;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.event.SyscallEvent;
import io.syswire.kernel.CapabilitySet;
import io.syswire.kernel.SyscallTable;
import io.syswire.output.Json;
import io.syswire.output.TraceDocument;
import io.syswire.pipeline.RawEventHandler;
import io.syswire.time.Rfc3339;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import static io.syswire.rawlog.RawLogFormat.*;

/**
 * Writes raw events as a raw log file: one JSON object per line, which {@link RawLogReader}
 * reads back; or, for {@code export --format json}, the same objects as one JSON array.
 * The caller owns the underlying writer: closing this only finishes the output.
 */
public final class RawLogWriter implements RawEventHandler, AutoCloseable {
    private final JsonGenerator g;
    private final SyscallTable table;
    private final boolean array;
    private boolean first = true;

    public RawLogWriter(Writer out, SyscallTable table) throws IOException {
        this(out, table, false);
    }

    public RawLogWriter(Writer out, SyscallTable table, boolean array) throws IOException {
        this.g = Json.FACTORY.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.g.setRootValueSeparator(null);
        this.table = table;
        this.array = array;
    }

    @Override
    public void accept(RawEvent e) {
        try {
            if (array) {
                g.writeRaw(first ? "[\n" : ",\n");
            }
            first = false;
            write(e);
            if (!array) {
                g.writeRaw('\n');
            }
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    private void write(RawEvent e) throws IOException {
        g.writeStartObject();
        g.writeStringField(KIND, e.kind().label());
        g.writeStringField(TS, Rfc3339.format(e.ts()));
        if (e instanceof SyscallEvent s) {
            g.writeNumberField(PID, s.pid());
            optPid(TID, s.tid());
            optPid(PPID, s.ppid());
            optTime(START_TIME, s.startTime());
            optString(COMM, s.comm());
            optPid(UID, s.uid());
            optPid(GID, s.gid());
            g.writeStringField(CAP_EFFECTIVE, CapabilitySet.hex(s.capEffective()));
            g.writeStringField(CAP_PERMITTED, CapabilitySet.hex(s.capPermitted()));
            if (s.hasCapInheritable()) {
                g.writeStringField(CAP_INHERITABLE, CapabilitySet.hex(s.capInheritable()));
            }
            g.writeStringField(SYSCALL, table.nameOf(s.nr()));
            g.writeNumberField(NR, s.nr());
            g.writeFieldName(ARGS);
            TraceDocument.writeArgs(g, s.args());
            if (s.hasRet()) {
                g.writeNumberField(RET, s.ret());
            }
            optUnsigned(MNT_NS, s.mntNs());
            optUnsigned(PID_NS, s.pidNs());
            optUnsigned(CGROUP_ID, s.cgroupId());
        } else if (e instanceof ProcessEvent p) {
            writeProcess(p.info());
        } else if (e instanceof ForkEvent f) {
            g.writeNumberField(PID, f.pid());
            g.writeNumberField(CHILD_PID, f.childPid());
            optTime(CHILD_START_TIME, f.childStartTime());
        } else if (e instanceof ExitEvent x) {
            g.writeNumberField(PID, x.pid());
            optTime(START_TIME, x.startTime());
            if (x.code() != null) {
                g.writeNumberField(CODE, x.code());
            }
        } else if (e instanceof LostEvent l) {
            g.writeNumberField(COUNT, l.count());
        }
        g.writeEndObject();
    }

    private void writeProcess(ProcessInfo p) throws IOException {
        g.writeNumberField(PID, p.pid());
        optTime(START_TIME, p.startTime());
        optPid(PPID, p.ppid());
        optString(NAME, p.name());
        optString(EXE, p.exe());
        optString(CMD, p.cmd());
        optString(NS, p.ns());
        if (p.containerId() != null || p.containerName() != null) {
            g.writeObjectFieldStart(CONTAINER);
            optString(CONTAINER_ID, p.containerId());
            optString(CONTAINER_NAME, p.containerName());
            g.writeEndObject();
        }
        if (p.podUid() != null) {
            g.writeObjectFieldStart(POD);
            g.writeStringField(POD_UID, p.podUid());
            g.writeEndObject();
        }
    }

    private void optPid(String f, int v) throws IOException {
        if (v != RawEvent.NO_PID) {
            g.writeNumberField(f, v);
        }
    }

    private void optUnsigned(String f, long v) throws IOException {
        if (v != 0) {
            g.writeNumberField(f, v);
        }
    }

    private void optTime(String f, long v) throws IOException {
        if (v != RawEvent.NO_TIME) {
            g.writeStringField(f, Rfc3339.format(v));
        }
    }

    private void optString(String f, String v) throws IOException {
        if (v != null) {
            g.writeStringField(f, v);
        }
    }

    @Override
    public void close() throws IOException {
        if (array) {
            g.writeRaw(first ? "[]\n" : "\n]\n");
        }
        g.flush();
    }

    public void flush() throws IOException {
        g.flush();
    }
}
