package io.syswire.lake;

import java.util.List;
import java.util.Locale;

import static io.syswire.lake.LakeColumn.Type.*;
import static io.syswire.lake.LakeColumn.of;

/**
 * The case's tables as a data lake stores them: one directory per table, Hive-partitioned
 * {@code TABLE/host=H/run_id=N/part-*.parquet}. The columns are the case's, in its order,
 * except {@code host} and {@code run_id}, which the partition directories carry (readers such
 * as DuckDB, Spark, Trino and Athena add them back). One definition for export and for the
 * fleet replay, which writes the same layout.
 */
public enum LakeTable {
    RUNS("runs", "run_id", List.of(of("kind", STRING), of("parent_run_id", INT32), of("config", JSON), of("task", STRING),
            of("source", STRING), of("status", STRING), of("started_at", TIMESTAMP), of("ended_at", TIMESTAMP),
            of("first_event_ts", TIMESTAMP), of("last_event_ts", TIMESTAMP), of("raw_events", INT64),
            of("lost_events", INT64), of("traces", INT32), of("transitions", INT32), of("incomplete_traces", INT32),
            of("kernel_seen", INT64), of("kernel_forwarded", INT64), of("kernel_dropped", INT64),
            of("kernel_read_failures", INT64), of("syswire_version", STRING), of("raw_digest", STRING),
            of("digest_origin", STRING), of("machine_rules", INT32))),
    RAW_EVENTS("raw_events", "seq", List.of(of("seq", INT64), of("ts", TIMESTAMP), of("kind", STRING), of("pid", INT32),
            of("tid", INT32), of("ppid", INT32), of("start_time", TIMESTAMP), of("comm", STRING), of("uid", INT32),
            of("gid", INT32), of("syscall", STRING), of("nr", INT32), of("args", JSON), of("ret", INT64),
            of("cap_effective", STRING), of("cap_permitted", STRING), of("cap_inheritable", STRING),
            of("mnt_ns", INT64), of("pid_ns", INT64), of("cgroup_id", INT64), of("detail", JSON))),
    TRACES("traces", "trace_id", List.of(of("trace_id", INT32), of("pid", INT32), of("start_time", TIMESTAMP),
            of("process_name", STRING), of("tripwire_syscall", STRING), of("tripwire_ts", TIMESTAMP),
            of("tripwire_tid", INT32), of("cap_effective", STRING), of("cap_permitted", STRING), of("elevated", STRING),
            of("context_count", INT32), of("end_reason", STRING), of("closed_ts", TIMESTAMP), of("complete", BOOLEAN),
            of("lost_events", INT64), of("doc", JSON))),
    TRACE_EVENTS("trace_events", "trace_id, ordinal", List.of(of("trace_id", INT32), of("ordinal", INT32),
            of("role", STRING), of("syscall", STRING), of("ts", TIMESTAMP), of("tid", INT32), of("args", JSON),
            of("ret", INT64), of("raw_seq", INT64))),
    TRANSITIONS("transitions", "seq", List.of(of("seq", INT32), of("ts", TIMESTAMP), of("pid", INT32),
            of("start_time", TIMESTAMP), of("process_name", STRING), of("from_state", STRING), of("to_state", STRING),
            of("cause", STRING), of("syscall", STRING), of("cap_effective", STRING), of("cap_permitted", STRING),
            of("trace_id", INT32), of("raw_seq", INT64))),
    PROCESSES("processes", "proc_no", List.of(of("proc_no", INT32), of("pid", INT32), of("start_time", TIMESTAMP),
            of("ppid", INT32), of("name", STRING), of("exe", STRING), of("cmd", STRING), of("ns", STRING),
            of("container_id", STRING), of("container_name", STRING), of("pod_uid", STRING),
            of("first_seen", TIMESTAMP), of("exited_at", TIMESTAMP), of("exit_code", INT32))),
    IMAGES("images", "proc_no, image_no", List.of(of("proc_no", INT32), of("image_no", INT32), of("pid", INT32),
            of("exec_ts", TIMESTAMP), of("name", STRING), of("exe", STRING), of("cmd", STRING)));

    /** The partition columns, in the order of the directories. */
    public static final List<String> PARTITIONS = List.of("host", "run_id");

    private final String dir;
    private final String orderBy;
    private final List<LakeColumn> columns;

    LakeTable(String dir, String orderBy, List<LakeColumn> columns) {
        this.dir = dir;
        this.orderBy = orderBy;
        this.columns = columns;
    }

    /** The table's directory under the lake, and its name in the case. */
    public String dir() {
        return dir;
    }

    public List<LakeColumn> columns() {
        return columns;
    }

    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(dir + " has no column " + column);
    }

    /** The columns that order a run's rows, as in the case. */
    public String orderBy() {
        return orderBy;
    }

    /** {@code raw} is also accepted for raw_events, as elsewhere in syswire. */
    public static LakeTable byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("raw")) {
            return RAW_EVENTS;
        }
        for (LakeTable t : values()) {
            if (t.dir.equals(n)) {
                return t;
            }
        }
        return null;
    }
}
