package io.syswire.rawlog;

/** Field names of the raw log file format (SPEC.md, "Raw log file format"). */
final class RawLogFormat {
    static final String KIND = "kind";
    static final String TS = "ts";
    static final String PID = "pid";
    static final String TID = "tid";
    static final String PPID = "ppid";
    static final String START_TIME = "start_time";
    static final String COMM = "comm";
    static final String UID = "uid";
    static final String GID = "gid";
    static final String CAP_EFFECTIVE = "cap_effective";
    static final String CAP_PERMITTED = "cap_permitted";
    static final String CAP_INHERITABLE = "cap_inheritable";
    static final String SYSCALL = "syscall";
    static final String NR = "nr";
    static final String ARGS = "args";
    static final String RET = "ret";
    static final String MNT_NS = "mnt_ns";
    static final String PID_NS = "pid_ns";
    static final String CGROUP_ID = "cgroup_id";
    static final String NAME = "name";
    static final String EXE = "exe";
    static final String CMD = "cmd";
    static final String NS = "ns";
    static final String CONTAINER = "container";
    static final String CONTAINER_ID = "ID";
    static final String CONTAINER_NAME = "Name";
    static final String POD = "pod";
    static final String POD_UID = "UID";
    static final String CHILD_PID = "child_pid";
    static final String CHILD_START_TIME = "child_start_time";
    static final String CODE = "code";
    static final String COUNT = "count";

    private RawLogFormat() {
    }
}
