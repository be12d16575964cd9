package io.syswire.lake;

import io.syswire.event.Args;
import io.syswire.event.RawEvent;
import io.syswire.event.SyscallEvent;
import io.syswire.kernel.CapabilitySet;
import io.syswire.kernel.SyscallTable;
import io.syswire.output.Json;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Writes raw events as one {@code raw_events} Parquet file, the same rows as
 * {@link RawEventColumns#row} gives and {@link ParquetTableWriter} would write, but made
 * straight from the event: syscall records (nearly all of a run) go to Parquet without a row
 * array, boxing, or a String per repeated value (kind, syscall name, comm and masks are
 * encoded once; the arguments' JSON is built in reused buffers). The rarer kinds go through
 * the row path.
 */
public final class RawEventWriter implements AutoCloseable {
    private final ParquetWriter<RawEvent> writer;
    private final EventSupport support;
    private long rows;

    /** @param rowGroupBytes what the writer buffers before it writes a row group (its memory) */
    public RawEventWriter(OutputFile file, SyscallTable syscalls, int rowGroupBytes) throws IOException {
        this.support = new EventSupport(syscalls);
        this.writer = ParquetTableWriter.configure(new Builder(file, support), LakeTable.RAW_EVENTS, rowGroupBytes).build();
    }

    public void write(RawEvent e, long seq) throws IOException {
        support.seq = seq;
        writer.write(e);
        rows++;
    }

    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<RawEvent, Builder> {
        private final EventSupport support;

        Builder(OutputFile file, EventSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<RawEvent> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }

        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<RawEvent> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }
    }

    private static final class EventSupport extends WriteSupport<RawEvent> {
        private static final String[] NAMES = LakeTable.RAW_EVENTS.columns().stream().map(LakeColumn::name).toArray(String[]::new);
        private static final int SEQ = 0, TS = 1, KIND = 2, PID = 3, TID = 4, PPID = 5, START_TIME = 6, COMM = 7, UID = 8,
                GID = 9, SYSCALL = 10, NR = 11, ARGS = 12, RET = 13, CAP_E = 14, CAP_P = 15, CAP_I = 16, MNT_NS = 17,
                PID_NS = 18, CGROUP_ID = 19;
        private static final Binary SYSCALL_KIND = Binary.fromConstantByteArray(
                RawEvent.Kind.SYSCALL.label().getBytes(StandardCharsets.UTF_8));

        private final SyscallTable syscalls;
        private final RawEventColumns columns;
        private final ParquetTableWriter.RowSupport rowSupport = new ParquetTableWriter.RowSupport(LakeTable.RAW_EVENTS.columns());
        private final Map<Integer, Binary> syscallNames = new HashMap<>();
        private final Map<Long, Binary> masks = new HashMap<>();
        // a thread's comm is the same String instance record after record (the block decoder's)
        private final IdentityHashMap<String, Binary> comms = new IdentityHashMap<>();
        private final StringBuilder json = new StringBuilder(256);
        private byte[] bytes = new byte[256];
        private RecordConsumer out;
        long seq;

        EventSupport(SyscallTable syscalls) {
            this.syscalls = syscalls;
            this.columns = new RawEventColumns(syscalls);
        }

        @Override
        public WriteContext init(ParquetConfiguration conf) {
            return new WriteContext(ParquetTableWriter.schema(LakeTable.RAW_EVENTS), Map.of("writer", "syswire"));
        }

        @Override
        @SuppressWarnings("deprecation")
        public WriteContext init(org.apache.hadoop.conf.Configuration conf) {
            return init((ParquetConfiguration) null);
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
            rowSupport.consumer(recordConsumer);
        }

        @Override
        public void write(RawEvent e) {
            if (!(e instanceof SyscallEvent c)) {
                rowSupport.write(columns.row(e, seq));
                return;
            }
            out.startMessage();
            longField(SEQ, seq);
            longField(TS, c.ts());
            binaryField(KIND, SYSCALL_KIND);
            intField(PID, c.pid());
            optIntField(TID, c.tid());
            optIntField(PPID, c.ppid());
            if (c.startTime() != RawEvent.NO_TIME) {
                longField(START_TIME, c.startTime());
            }
            if (c.comm() != null) {
                binaryField(COMM, comm(c.comm()));
            }
            optIntField(UID, c.uid());
            optIntField(GID, c.gid());
            Binary name = syscallName(c.nr());
            if (name != null) {
                binaryField(SYSCALL, name);
            }
            intField(NR, c.nr());
            binaryField(ARGS, args(c.args()));
            if (c.hasRet()) {
                longField(RET, c.ret());
            }
            binaryField(CAP_E, mask(c.capEffective()));
            binaryField(CAP_P, mask(c.capPermitted()));
            if (c.hasCapInheritable()) {
                binaryField(CAP_I, mask(c.capInheritable()));
            }
            optIdField(MNT_NS, c.mntNs());
            optIdField(PID_NS, c.pidNs());
            optIdField(CGROUP_ID, c.cgroupId());
            out.endMessage();
        }

        private void longField(int i, long v) {
            out.startField(NAMES[i], i);
            out.addLong(v);
            out.endField(NAMES[i], i);
        }

        private void intField(int i, int v) {
            out.startField(NAMES[i], i);
            out.addInteger(v);
            out.endField(NAMES[i], i);
        }

        private void optIntField(int i, int v) {
            if (v != RawEvent.NO_PID) {
                intField(i, v);
            }
        }

        private void optIdField(int i, long v) {
            if (v != 0) {
                longField(i, v);
            }
        }

        private void binaryField(int i, Binary v) {
            out.startField(NAMES[i], i);
            out.addBinary(v);
            out.endField(NAMES[i], i);
        }

        private Binary syscallName(int nr) {
            Binary b = syscallNames.get(nr);
            if (b == null && !syscallNames.containsKey(nr)) {
                String n = syscalls.nameOf(nr);
                b = n == null ? null : Binary.fromConstantByteArray(n.getBytes(StandardCharsets.UTF_8));
                syscallNames.put(nr, b);
            }
            return b;
        }

        private Binary comm(String s) {
            if (comms.size() > 4096) {
                comms.clear();
            }
            return comms.computeIfAbsent(s, x -> Binary.fromConstantByteArray(x.getBytes(StandardCharsets.UTF_8)));
        }

        private Binary mask(long m) {
            if (masks.size() > 4096) {
                masks.clear();
            }
            return masks.computeIfAbsent(m, x -> Binary.fromConstantByteArray(CapabilitySet.hex(x).getBytes(StandardCharsets.UTF_8)));
        }

        /** The raw_events view's text (as {@link RawEventColumns}), as UTF-8 in a reused buffer: Parquet copies what it keeps. */
        private Binary args(Args a) {
            StringBuilder j = json;
            j.setLength(0);
            Json.appendArgs(j, a);
            int n = j.length();
            if (bytes.length < n) {
                bytes = new byte[Math.max(n, 2 * bytes.length)];
            }
            for (int i = 0; i < n; i++) {
                char ch = j.charAt(i);
                if (ch >= 0x80) {
                    return Binary.fromConstantByteArray(j.toString().getBytes(StandardCharsets.UTF_8));
                }
                bytes[i] = (byte) ch;
            }
            return Binary.fromReusedByteArray(bytes, 0, n);
        }
    }
}
