package io.syswire.store;

/**
 * The raw block format, version 1. A block starts with a version byte; each event is a
 * tag byte (the kind), a zigzag varint of its time minus the previous event's (the first is
 * relative to 0), and the kind's fields. A syscall record starts with its tid (a zigzag delta
 * from the previous syscall record's, so 0 for the same thread), then a varint
 * mask of the fields that differ from the previous syscall record of the same thread in the
 * block, and only those fields: recordings interleave threads, and each thread repeats
 * itself. Strings are references into a per-block dictionary (0 = null, 1 = a new string
 * follows, n >= 2 = entry n - 2); structured argument values (a sockaddr) are written as
 * maps and lists of values. A block decodes on its own.
 */
final class RawBlockFormat {
    static final byte VERSION = 1;

    static final int TAG_SYSCALL = 1;
    static final int TAG_PROCESS = 2;
    static final int TAG_EXEC = 3;
    static final int TAG_FORK = 4;
    static final int TAG_EXIT = 5;
    static final int TAG_TICK = 6;
    static final int TAG_LOST = 7;

    // syscall field-change mask; the common case (only a return value) fits one byte
    static final int F_HAS_RET = 1;           // not a change: says a ret field follows
    static final int F_PID = 1 << 1;
    static final int F_PPID = 1 << 2;
    static final int F_START = 1 << 3;
    static final int F_COMM = 1 << 4;
    static final int F_UID = 1 << 5;
    static final int F_GID = 1 << 6;
    static final int F_CAP_E = 1 << 7;
    static final int F_CAP_P = 1 << 8;
    static final int F_CAP_I = 1 << 9;
    static final int F_MNT_NS = 1 << 10;
    static final int F_PID_NS = 1 << 11;
    static final int F_CGROUP = 1 << 12;
    static final int F_HAS_CAP_I = 1 << 13;   // with F_CAP_I: the new value is present

    // argument value tags
    static final int V_NULL = 0;
    static final int V_LONG = 1;
    static final int V_STRING = 2;
    static final int V_TRUE = 4;
    static final int V_FALSE = 5;
    static final int V_DOUBLE = 6;
    static final int V_MAP = 7;     // varint n, then n x (key string ref, value)
    static final int V_LIST = 8;    // varint n, then n values

    static final int STR_NULL = 0;
    static final int STR_NEW = 1;
    static final int STR_BASE = 2;

    private RawBlockFormat() {
    }
}
