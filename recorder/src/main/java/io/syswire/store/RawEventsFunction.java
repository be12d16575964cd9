package io.syswire.store;

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
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.h2.engine.Session;
import org.h2.result.ResultInterface;
import org.h2.util.DateTimeUtils;
import org.h2.value.TypeInfo;
import org.h2.value.Value;
import org.h2.value.ValueBigint;
import org.h2.value.ValueInteger;
import org.h2.value.ValueJson;
import org.h2.value.ValueNull;
import org.h2.value.ValueTimestampTimeZone;
import org.h2.value.ValueVarchar;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code raw_events} view: a table function that decodes {@code raw_blocks} into one
 * row per raw event, streaming block by block, so {@code LIMIT 10} over millions of events
 * is immediate. H2 reads a table function lazily only when its declared return type is both
 * a JDBC {@link ResultSet} and H2's own {@link ResultInterface}; {@link StreamingRows} is that
 * type, and a proxy routes H2's calls to the cursor.
 */
public final class RawEventsFunction {
    private RawEventsFunction() {
    }

    /** The declared return type H2 streams from. Only the ResultInterface side is ever used. */
    public interface StreamingRows extends ResultSet, ResultInterface {
    }

    /** Each ResultInterface method of the proxy, resolved once to the cursor's implementation. */
    private static final Map<Method, Method> ROUTES = routes();

    private static Map<Method, Method> routes() {
        Map<Method, Method> m = new java.util.HashMap<>();
        for (Method method : StreamingRows.class.getMethods()) {
            try {
                m.put(method, Rows.class.getMethod(method.getName(), method.getParameterTypes()));
            } catch (NoSuchMethodException e) {
                // a ResultSet-only method: H2 never calls it
            }
        }
        return Map.copyOf(m);
    }

    private static StreamingRows streaming(Rows rows) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "raw_events cursor";
                };
            }
            Method target = ROUTES.get(method);
            if (target == null) {
                throw new SQLFeatureNotSupportedException("raw_events is read by H2 only");
            }
            try {
                return target.invoke(rows, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (StreamingRows) Proxy.newProxyInstance(RawEventsFunction.class.getClassLoader(),
                new Class<?>[] {StreamingRows.class}, h);
    }

    private record Col(String name, TypeInfo type) {
    }

    private static final TypeInfo TS = TypeInfo.getTypeInfo(Value.TIMESTAMP_TZ, -1L, 9, null);
    private static final Col[] COLUMNS = {
        new Col("RUN_ID", TypeInfo.TYPE_INTEGER), new Col("SEQ", TypeInfo.TYPE_BIGINT), new Col("TS", TS),
        new Col("KIND", TypeInfo.TYPE_VARCHAR), new Col("PID", TypeInfo.TYPE_INTEGER),
        new Col("TID", TypeInfo.TYPE_INTEGER), new Col("PPID", TypeInfo.TYPE_INTEGER), new Col("START_TIME", TS),
        new Col("COMM", TypeInfo.TYPE_VARCHAR), new Col("UID", TypeInfo.TYPE_INTEGER),
        new Col("GID", TypeInfo.TYPE_INTEGER), new Col("SYSCALL", TypeInfo.TYPE_VARCHAR),
        new Col("NR", TypeInfo.TYPE_INTEGER), new Col("ARGS", TypeInfo.TYPE_JSON), new Col("RET", TypeInfo.TYPE_BIGINT),
        new Col("CAP_EFFECTIVE", TypeInfo.TYPE_VARCHAR), new Col("CAP_PERMITTED", TypeInfo.TYPE_VARCHAR),
        new Col("CAP_INHERITABLE", TypeInfo.TYPE_VARCHAR), new Col("MNT_NS", TypeInfo.TYPE_BIGINT),
        new Col("PID_NS", TypeInfo.TYPE_BIGINT), new Col("CGROUP_ID", TypeInfo.TYPE_BIGINT),
        new Col("DETAIL", TypeInfo.TYPE_JSON),
    };

    /** All raw events of all evidence runs. */
    public static StreamingRows scan(Connection conn) throws SQLException {
        return scan(conn, null);
    }

    /** The raw events of one run. */
    public static StreamingRows scan(Connection conn, Integer runId) throws SQLException {
        if ("jdbc:columnlist:connection".equals(conn.getMetaData().getURL())) {
            return streaming(new Rows(List.of(), null)); // H2 only wants the columns
        }
        List<long[]> keys = new ArrayList<>();
        String q = "SELECT run_id, block_no, first_seq, event_count FROM raw_blocks"
                + (runId != null ? " WHERE run_id = ?" : "") + " ORDER BY run_id, block_no";
        try (PreparedStatement ps = conn.prepareStatement(q)) {
            if (runId != null) {
                ps.setInt(1, runId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new long[] {rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getInt(4)});
                }
            }
        }
        return streaming(new Rows(keys, conn));
    }

    /** A forward-only result over the blocks, decoding one block at a time. */
    public static final class Rows implements ResultInterface {
        private final List<long[]> blocks;
        private final Connection conn;
        private final SyscallTable table = SyscallTable.x86_64();
        // Values that repeat across rows, made once per scan: H2's own value cache hashes every
        // string it is given, which cost more than decoding the event.
        private final Value[] syscallNames = new Value[SyscallTable.MAX_NR];
        private final Value[] kinds = new Value[RawEvent.Kind.values().length];
        private final Columns columns = new Columns();
        private final Map<Long, Value> capabilityMasks = new HashMap<>();
        private final Map<String, Value> strings = new IdentityHashMap<>();
        private final StringBuilder json = new StringBuilder(256);
        private int block = -1;
        private RawBlockDecoder decoder;
        private int runId;
        private long seq;
        private Value[] current;
        private long rowId = -1;
        private boolean closed;

        Rows(List<long[]> blocks, Connection conn) {
            this.blocks = blocks;
            this.conn = conn;
        }

        @Override
        public boolean next() {
            while (decoder == null || !decoder.hasNext()) {
                if (++block >= blocks.size()) {
                    current = null;
                    return false;
                }
                long[] k = blocks.get(block);
                runId = (int) k[0];
                seq = k[2];
                decoder = new RawBlockDecoder(load((int) k[0], (int) k[1]), (int) k[3]);
            }
            current = row(decoder.next(), seq++);
            rowId++;
            return true;
        }

        private byte[] load(int run, int blockNo) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT data FROM raw_blocks WHERE run_id = ? AND block_no = ?")) {
                ps.setInt(1, run);
                ps.setInt(2, blockNo);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBytes(1);
                }
            } catch (SQLException e) {
                if (e.getErrorCode() == ErrorCode.STATEMENT_WAS_CANCELED) { // SessionCancel: not a read error
                    throw DbException.get(ErrorCode.STATEMENT_WAS_CANCELED);
                }
                throw new IllegalStateException("reading raw block " + run + "/" + blockNo + ": " + e.getMessage(), e);
            }
        }

        /** One event as a raw_events row (the table engine's decoder too: one meaning of each column). */
        Value[] row(int run, RawEvent e, long s) {
            runId = run;
            return row(e, s);
        }

        private Value[] row(RawEvent e, long s) {
            Value[] v = new Value[COLUMNS.length];
            java.util.Arrays.fill(v, ValueNull.INSTANCE);
            v[0] = ValueInteger.get(runId);
            v[1] = ValueBigint.get(s);
            v[2] = ts(e.ts());
            v[3] = kind(e.kind());
            columns.v = v;
            e.accept(columns);
            return v;
        }

        /** The columns each kind of record fills; {@code v} is the row being built, set before each. */
        private final class Columns implements RawEvent.Visitor<Void> {
            Value[] v;

            @Override
            public Void syscall(SyscallEvent c) {
                v[4] = ValueInteger.get(c.pid());
                v[5] = optInt(c.tid());
                v[6] = optInt(c.ppid());
                v[7] = ts(c.startTime());
                v[8] = text(c.comm());
                v[9] = optInt(c.uid());
                v[10] = optInt(c.gid());
                v[11] = syscallName(c.nr());
                v[12] = ValueInteger.get(c.nr());
                v[13] = args(c.args());
                v[14] = c.hasRet() ? ValueBigint.get(c.ret()) : ValueNull.INSTANCE;
                v[15] = mask(c.capEffective());
                v[16] = mask(c.capPermitted());
                v[17] = c.hasCapInheritable() ? mask(c.capInheritable()) : ValueNull.INSTANCE;
                v[18] = optId(c.mntNs());
                v[19] = optId(c.pidNs());
                v[20] = optId(c.cgroupId());
                return null;
            }

            @Override
            public Void process(ProcessEvent p) {
                ProcessInfo i = p.info();
                v[4] = ValueInteger.get(i.pid());
                v[6] = optInt(i.ppid());
                v[7] = ts(i.startTime());
                v[8] = i.name() == null ? ValueNull.INSTANCE : ValueVarchar.get(i.name());
                v[21] = json(i.detail());
                return null;
            }

            @Override
            public Void fork(ForkEvent f) {
                v[4] = ValueInteger.get(f.pid());
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("child_pid", (long) f.childPid());
                if (f.childStartTime() != RawEvent.NO_TIME) {
                    d.put("child_start_time", io.syswire.time.Rfc3339.format(f.childStartTime()));
                }
                v[21] = json(d);
                return null;
            }

            @Override
            public Void exit(ExitEvent x) {
                v[4] = ValueInteger.get(x.pid());
                v[7] = ts(x.startTime());
                if (x.code() != null) {
                    v[21] = json(Map.of("code", (long) x.code()));
                }
                return null;
            }

            @Override
            public Void tick(TickEvent t) {
                return null; // kind and time only
            }

            @Override
            public Void lost(LostEvent l) {
                v[21] = json(Map.of("count", l.count()));
                return null;
            }
        }

        private Value kind(RawEvent.Kind k) {
            Value v = kinds[k.ordinal()];
            if (v == null) {
                v = kinds[k.ordinal()] = ValueVarchar.get(k.label());
            }
            return v;
        }

        private Value syscallName(int nr) {
            if (nr < 0 || nr >= syscallNames.length) {
                return ValueVarchar.get(table.nameOf(nr));
            }
            Value v = syscallNames[nr];
            if (v == null) {
                v = syscallNames[nr] = ValueVarchar.get(table.nameOf(nr));
            }
            return v;
        }

        /** Strings from one block's dictionary are the same instances row after row. */
        private Value text(String s) {
            if (s == null) {
                return ValueNull.INSTANCE;
            }
            if (strings.size() > 4096) {
                strings.clear();
            }
            return strings.computeIfAbsent(s, ValueVarchar::get);
        }

        private Value mask(long m) {
            if (capabilityMasks.size() > 4096) {
                capabilityMasks.clear();
            }
            return capabilityMasks.computeIfAbsent(m, x -> ValueVarchar.get(CapabilitySet.hex(x)));
        }

        private Value args(io.syswire.event.Args a) {
            json.setLength(0);
            Json.appendArgs(json, a);
            return ValueJson.getInternal(json.toString().getBytes(StandardCharsets.UTF_8));
        }

        private static Value optInt(int v) {
            return v == RawEvent.NO_PID ? ValueNull.INSTANCE : ValueInteger.get(v);
        }

        private static Value optId(long v) {
            return v == 0 ? ValueNull.INSTANCE : ValueBigint.get(v);
        }

        private static Value json(Object o) {
            return ValueJson.getInternal(Json.text(o).getBytes(StandardCharsets.UTF_8));
        }

        private static Value ts(long nanos) {
            if (nanos == RawEvent.NO_TIME) {
                return ValueNull.INSTANCE;
            }
            long secs = Math.floorDiv(nanos, 1_000_000_000L);
            long day = Math.floorDiv(secs, 86_400L);
            long nanosOfDay = (secs - day * 86_400L) * 1_000_000_000L + Math.floorMod(nanos, 1_000_000_000L);
            return ValueTimestampTimeZone.fromDateValueAndNanos(DateTimeUtils.dateValueFromAbsoluteDay(day), nanosOfDay, 0);
        }

        @Override
        public void reset() {
            block = -1;
            decoder = null;
            current = null;
            rowId = -1;
        }

        @Override
        public Value[] currentRow() {
            return current;
        }

        @Override
        public long getRowId() {
            return rowId;
        }

        @Override
        public boolean isAfterLast() {
            return current == null && block >= blocks.size();
        }

        @Override
        public int getVisibleColumnCount() {
            return COLUMNS.length;
        }

        @Override
        public long getRowCount() {
            return -1;
        }

        @Override
        public boolean hasNext() {
            if (decoder != null && decoder.hasNext()) {
                return true;
            }
            for (int b = block + 1; b < blocks.size(); b++) {
                if (blocks.get(b)[3] > 0) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean needToClose() {
            return true;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String getAlias(int i) {
            return COLUMNS[i].name;
        }

        @Override
        public String getSchemaName(int i) {
            return "PUBLIC";
        }

        @Override
        public String getTableName(int i) {
            return "RAW_EVENTS";
        }

        @Override
        public String getColumnName(int i) {
            return COLUMNS[i].name;
        }

        @Override
        public TypeInfo getColumnType(int i) {
            return COLUMNS[i].type;
        }

        @Override
        public boolean isIdentity(int i) {
            return false;
        }

        @Override
        public int getNullable(int i) {
            return i < 4 ? java.sql.ResultSetMetaData.columnNoNulls : java.sql.ResultSetMetaData.columnNullable;
        }

        @Override
        public void setFetchSize(int fetchSize) {
        }

        @Override
        public int getFetchSize() {
            return 1;
        }

        @Override
        public boolean isLazy() {
            return true;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public ResultInterface createShallowCopy(Session targetSession) {
            return null;
        }
    }
}
