package io.syswire.live;

/**
 * Byte offsets of the records and map values defined in bpf/syswire.h. This is the Java
 * half of that contract; RecordLayoutTest checks every offset here against the BTF of the
 * built syswire.bpf.o, so the two cannot drift apart unnoticed.
 */
public final class RecordLayout {
    private RecordLayout() {
    }

    // enum sw_record_kind
    public static final int REC_SYSCALL = 1;
    public static final int REC_FORK = 2;
    public static final int REC_EXEC = 3;
    public static final int REC_EXIT = 4;

    public static final int COMM_LEN = 16;
    public static final int MAX_SYSCALLS = 512;
    public static final int MAX_ARGS = 6;
    public static final int MAX_BLOBS = 3;
    public static final int BLOB_MAX = 256;
    public static final int CMDLINE_MAX = 512;
    public static final int EXE_PARTS = 24;
    public static final int EXE_PART_MAX = 64;

    // struct sw_header (24 bytes)
    public static final int H_KIND = 0;        // u16
    public static final int H_SIZE = 2;        // u16
    public static final int H_CPU = 4;         // u32
    public static final int H_TS = 8;          // u64
    public static final int H_LOST = 16;       // u32
    public static final int HEADER_SIZE = 24;

    // struct sw_task (88 bytes), at TASK in every record
    public static final int TASK = 24;
    public static final int T_PID = 0;
    public static final int T_TID = 4;
    public static final int T_PPID = 8;
    public static final int T_UID = 12;
    public static final int T_GID = 16;
    public static final int T_PID_NS = 20;
    public static final int T_START_TIME = 24;
    public static final int T_CAP_EFFECTIVE = 32;
    public static final int T_CAP_PERMITTED = 40;
    public static final int T_CAP_INHERITABLE = 48;
    public static final int T_MNT_NS = 56;
    public static final int T_CGROUP_ID = 64;
    public static final int T_COMM = 72;
    public static final int TASK_SIZE = 88;

    // struct sw_syscall (968 bytes with all blobs)
    public static final int S_NR = 112;        // u32
    public static final int S_FLAGS = 116;     // u16
    public static final int S_NBLOB = 118;     // u8
    public static final int S_ARGS = 120;      // u64[6]
    public static final int S_RET = 168;       // s64
    public static final int S_BLOB = 176;      // struct sw_blob[3]
    public static final int SYSCALL_SIZE = 968;

    // struct sw_blob (264 bytes)
    public static final int B_ARG = 0;         // u8
    public static final int B_KIND = 1;        // u8
    public static final int B_LEN = 2;         // s16
    public static final int B_DATA = 8;
    public static final int BLOB_SIZE = 264;

    // struct sw_fork (128), sw_exec (2440), sw_exit (120)
    public static final int F_CHILD_PID = 112;
    public static final int F_CHILD_START_TIME = 120;
    public static final int FORK_SIZE = 128;
    public static final int E_FILENAME_LEN = 112;   // s16
    public static final int E_FILENAME = 120;
    public static final int E_CMDLINE_LEN = 376;    // s16
    public static final int E_CMDLINE = 384;
    public static final int E_EXE_DEPTH = 896;      // u8
    public static final int E_EXE_FLAGS = 897;      // u8
    public static final int E_EXE_PARTS = 904;      // char[EXE_PARTS][EXE_PART_MAX], leaf first
    public static final int EXEC_SIZE = 2440;

    // enum sw_exe_flag
    public static final int EXE_COMPLETE = 1;
    public static final int X_EXIT_CODE = 112;      // s32
    public static final int EXIT_SIZE = 120;

    // struct sw_task_start (16 bytes), written by the iterator "task_starts"
    public static final int TS_TGID = 0;
    public static final int TS_PPID = 4;
    public static final int TS_START_TIME = 8;
    public static final int TASK_START_SIZE = 16;

    // enum sw_syscall_flag
    public static final int SC_NO_RETURN = 1;
    public static final int SC_ELEVATED = 2;

    // struct sw_config (40 bytes), map "config"
    public static final int C_ELEVATED = 0;
    public static final int C_BUDGET_NS = 8;
    public static final int C_BUDGET_EVENTS = 16;
    public static final int C_SELF_TGID = 20;
    public static final int C_UNGATED = 24;
    public static final int C_PID_FILTER = 28;
    public static final int C_COMM_FILTER = 32;
    public static final int C_WAKEUP_BYTES = 36;
    public static final int CONFIG_SIZE = 40;

    // struct sw_sysinfo (26 bytes), map "sysinfo"
    public static final int I_FLAGS = 0;       // u8
    public static final int I_ARG_KIND = 1;    // u8[6]
    public static final int I_LEN_ARG = 7;     // u8[6]
    public static final int I_FIXED_LEN = 14;  // u16[6]
    public static final int SYSINFO_SIZE = 26;

    // enum sw_sys_flag
    public static final int SYS_CAPTURE = 1;
    public static final int SYS_TRIPWIRE = 2;
    public static final int SYS_NORETURN = 4;
    public static final int SYS_READ_AT_ENTRY = 8;

    // enum sw_arg_kind
    public static final int ARG_RAW = 0;
    public static final int ARG_STR = 1;
    public static final int ARG_SOCKADDR = 2;
    public static final int ARG_SOCKADDR_LENPTR = 3;
    public static final int ARG_BYTES = 4;

    // enum sw_counter, per-CPU array "counters"
    public static final int CNT_SEEN = 0;
    public static final int CNT_FORWARDED = 1;
    public static final int CNT_DROPPED = 2;
    public static final int CNT_STR_FAIL = 3;
    public static final int CNT_PENDING_LOST = 4;
    public static final int CNT_INFLIGHT_MISS = 5;
    public static final int CNT_MAX = 8;
}
