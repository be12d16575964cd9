package io.syswire.live;

import io.syswire.event.Args;
import io.syswire.event.ExitEvent;
import io.syswire.event.ForkEvent;
import io.syswire.event.ProcessEvent;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.event.SyscallEvent;
import io.syswire.kernel.Syscall;
import io.syswire.kernel.SyscallTable;
import io.syswire.live.proc.CommandLine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.LongUnaryOperator;

import static io.syswire.live.RecordLayout.*;

/**
 * Turns the kernel's records (bpf/syswire.h) into raw events. Times become wall-clock
 * nanoseconds; arguments get the kernel's parameter names and their C types; decoded
 * pointer arguments replace the raw pointer. An exec record becomes an exec event with the
 * kernel's own view of the new image: comm as its name, the exe path the kernel walked (or
 * the exec'd filename), argv as its cmd; {@link ProcessTracker} adds namespace and container.
 */
final class RecordDecoder {
    private final SyscallTable table;
    private final LongUnaryOperator toWall;
    private final ArgPlan[] plans = new ArgPlan[MAX_SYSCALLS];
    private final String[] commNames = new String[64];
    private final long[] commWords = new long[128];

    /**
     * What one record said: the event, how many records the kernel dropped just before it, and
     * the task's mount namespace inode and cgroup id (which describe a process that is gone
     * before /proc can be read).
     */
    record Decoded(RawEvent event, long lostBefore, long mntNs, long cgroupId) {
    }

    RecordDecoder(SyscallTable table, LongUnaryOperator toWall) {
        this.table = table;
        this.toWall = toWall;
        for (Syscall s : table.all()) {
            plans[s.nr()] = ArgPlan.of(s);
        }
    }

    Decoded decode(ByteBuffer b, int at, int length) {
        int kind = Short.toUnsignedInt(b.getShort(at + H_KIND));
        long ts = toWall.applyAsLong(b.getLong(at + H_TS));
        long lost = Integer.toUnsignedLong(b.getInt(at + H_LOST));
        int t = at + TASK;
        int pid = b.getInt(t + T_PID);
        long start = toWall.applyAsLong(b.getLong(t + T_START_TIME));
        RawEvent e = switch (kind) {
            case REC_SYSCALL -> syscall(b, at, ts, pid, start);
            case REC_FORK -> new ForkEvent(ts, pid, b.getInt(at + F_CHILD_PID), toWall.applyAsLong(b.getLong(at + F_CHILD_START_TIME)));
            case REC_EXEC -> exec(b, at, ts, pid, start);
            case REC_EXIT -> new ExitEvent(ts, pid, start, b.getInt(at + X_EXIT_CODE));
            default -> throw new IllegalStateException("unknown record kind " + kind + " from the kernel program");
        };
        return new Decoded(e, lost, b.getLong(t + T_MNT_NS), b.getLong(t + T_CGROUP_ID));
    }

    private SyscallEvent syscall(ByteBuffer b, int at, long ts, int pid, long start) {
        int t = at + TASK;
        int nr = b.getInt(at + S_NR);
        int flags = Short.toUnsignedInt(b.getShort(at + S_FLAGS));
        ArgPlan plan = nr >= 0 && nr < MAX_SYSCALLS ? plans[nr] : null;
        Args args = plan == null ? rawArgs(b, at) : args(plan, b, at);
        boolean hasRet = (flags & SC_NO_RETURN) == 0;
        return new SyscallEvent(ts, pid, b.getInt(t + T_TID), b.getInt(t + T_PPID), start, comm(b, t),
                b.getInt(t + T_UID), b.getInt(t + T_GID), b.getLong(t + T_CAP_EFFECTIVE), b.getLong(t + T_CAP_PERMITTED),
                b.getLong(t + T_CAP_INHERITABLE), true, nr, args, hasRet ? b.getLong(at + S_RET) : 0, hasRet,
                b.getLong(t + T_MNT_NS), Integer.toUnsignedLong(b.getInt(t + T_PID_NS)), b.getLong(t + T_CGROUP_ID));
    }

    private Args args(ArgPlan plan, ByteBuffer b, int at) {
        int n = plan.names().length;
        String[] names = plan.names(); // shared: Args never writes its names
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = plan.value(i, b.getLong(at + S_ARGS + 8 * i));
        }
        int blobs = b.get(at + S_NBLOB);
        for (int k = 0; k < blobs && k < MAX_BLOBS; k++) {
            int blob = at + S_BLOB + k * BLOB_SIZE;
            int arg = b.get(blob + B_ARG);
            if (arg >= 0 && arg < n) {
                values[arg] = BlobDecoder.decode(b.get(blob + B_KIND), b, blob + B_DATA, b.getShort(blob + B_LEN),
                        b.getLong(at + S_ARGS + 8 * arg), names[arg]);
            }
        }
        return Args.own(names, values);
    }

    /** A syscall the table does not know (a kernel newer than the table): six raw values. */
    private static Args rawArgs(ByteBuffer b, int at) {
        String[] names = new String[MAX_ARGS];
        Object[] values = new Object[MAX_ARGS];
        for (int i = 0; i < MAX_ARGS; i++) {
            names[i] = "arg" + i;
            values[i] = b.getLong(at + S_ARGS + 8 * i);
        }
        return Args.own(names, values);
    }

    private ProcessEvent exec(ByteBuffer b, int at, long ts, int pid, long start) {
        int t = at + TASK;
        int len = b.getShort(at + E_FILENAME_LEN);
        String filename = len > 0 ? BlobDecoder.string(b, at + E_FILENAME, Math.min(len, BLOB_MAX)) : null;
        int argsLen = b.getShort(at + E_CMDLINE_LEN);
        String cmd = null;
        if (argsLen > 0) {
            byte[] raw = new byte[Math.min(argsLen, CMDLINE_MAX)];
            b.get(at + E_CMDLINE, raw);
            cmd = CommandLine.join(raw, raw.length);
        }
        String exe = exePath(b, at);
        if (exe == null) {
            exe = filename; // the kernel could not walk the whole path: the name exec was given stands
        }
        return new ProcessEvent(ts, true, new ProcessInfo(pid, start, b.getInt(t + T_PPID), comm(b, t), exe, cmd,
                null, null, null, null));
    }

    /** The absolute path the kernel walked from the new image's exe_file, or null when it is incomplete. */
    static String exePath(ByteBuffer b, int at) {
        int depth = Byte.toUnsignedInt(b.get(at + E_EXE_DEPTH));
        if ((b.get(at + E_EXE_FLAGS) & EXE_COMPLETE) == 0 || depth > EXE_PARTS) {
            return null;
        }
        if (depth == 0) {
            return "/";
        }
        StringBuilder path = new StringBuilder();
        for (int i = depth - 1; i >= 0; i--) {
            int part = at + E_EXE_PARTS + i * EXE_PART_MAX;
            int end = 0;
            while (end < EXE_PART_MAX && b.get(part + end) != 0) {
                end++;
            }
            byte[] name = new byte[end];
            b.get(part, name);
            path.append('/').append(new String(name, StandardCharsets.UTF_8));
        }
        return path.toString();
    }

    /**
     * The 16 comm bytes as a String. A flood repeats the same few names, so the last names
     * decoded are kept by their two 8-byte words: a hit costs two loads and no allocation.
     */
    private String comm(ByteBuffer b, int t) {
        long w0 = b.getLong(t + T_COMM);
        long w1 = b.getLong(t + T_COMM + 8);
        int slot = (int) ((w0 * 0x9E3779B97F4A7C15L ^ w1) >>> 58); // 64 slots
        String hit = commNames[slot];
        if (hit != null && commWords[2 * slot] == w0 && commWords[2 * slot + 1] == w1) {
            return hit;
        }
        int end = 0;
        while (end < COMM_LEN && b.get(t + T_COMM + end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end];
        b.get(t + T_COMM, bytes);
        String name = new String(bytes, StandardCharsets.UTF_8);
        commNames[slot] = name;
        commWords[2 * slot] = w0;
        commWords[2 * slot + 1] = w1;
        return name;
    }

    ArgPlan plan(int nr) {
        return plans[nr];
    }

    SyscallTable table() {
        return table;
    }
}
