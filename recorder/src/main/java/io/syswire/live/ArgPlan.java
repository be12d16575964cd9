package io.syswire.live;

import io.syswire.kernel.Syscall;

import java.util.List;
import java.util.Set;

/**
 * How one syscall's arguments are captured and shown: per parameter, the kernel-side
 * decoding ({@link RecordLayout}.ARG_*) and how a raw register value reads as a number of
 * the parameter's C type. Derived from the syscall table (the kernel's own names and types),
 * never written per syscall by hand, apart from the few rules below.
 */
public record ArgPlan(Syscall syscall, String[] names, Width[] widths, int[] kinds, int[] lenArgs, int[] fixedLens,
                      int flags) {

    /** How a register value is read as the parameter's type. */
    public enum Width { INT32, UINT32, LONG }

    private static final Set<String> INT32 = Set.of("int", "pid_t", "key_t", "mqd_t", "clockid_t", "key_serial_t",
            "rwf_t", "timer_t", "int32_t", "s32");
    private static final Set<String> UINT32 = Set.of("unsigned int", "u32", "__u32", "uid_t", "gid_t", "qid_t",
            "umode_t", "unsigned", "uint32_t", "old_uid_t", "old_gid_t", "aio_context_t_unused");
    /** Output buffers and binary data are never read as strings, whatever their C type. */
    private static final Set<String> NOT_STRINGS = Set.of("buf", "ubuf", "buff", "u_msg_ptr", "optval", "list", "vec",
            "shmaddr", "_callout_info", "_payload");
    /** mount(2) declares its input strings without const. */
    private static final Set<String> MUTABLE_INPUT_STRINGS = Set.of("dev_name", "dir_name", "type", "filename");
    private static final Set<String> NORETURN = Set.of("exit", "exit_group");
    private static final Set<String> READ_AT_ENTRY = Set.of("execve", "execveat");

    public static ArgPlan of(Syscall s) {
        List<Syscall.Param> ps = s.params();
        int n = Math.min(ps.size(), RecordLayout.MAX_ARGS);
        String[] names = new String[n];
        Width[] widths = new Width[n];
        int[] kinds = new int[n];
        int[] lenArgs = new int[n];
        int[] fixed = new int[n];
        int blobs = 0;
        for (int i = 0; i < n; i++) {
            Syscall.Param p = ps.get(i);
            names[i] = p.name();
            widths[i] = width(p.type());
            int kind = kind(s, ps, i);
            if (kind != RecordLayout.ARG_RAW && blobs < RecordLayout.MAX_BLOBS) {
                kinds[i] = kind;
                blobs++;
                if (kind == RecordLayout.ARG_SOCKADDR || kind == RecordLayout.ARG_SOCKADDR_LENPTR) {
                    lenArgs[i] = lengthArg(ps, i);
                } else if (kind == RecordLayout.ARG_BYTES) {
                    fixed[i] = p.type().contains("header") ? 8 : 24; // capset/capget: header, two data structs
                }
            }
        }
        int flags = NORETURN.contains(s.name()) ? RecordLayout.SYS_NORETURN : 0;
        flags |= READ_AT_ENTRY.contains(s.name()) ? RecordLayout.SYS_READ_AT_ENTRY : 0;
        return new ArgPlan(s, names, widths, kinds, lenArgs, fixed, flags);
    }

    private static Width width(String type) {
        String t = type.replace("const ", "").trim();
        if (t.contains("*")) {
            return Width.LONG;
        }
        if (INT32.contains(t)) {
            return Width.INT32;
        }
        return UINT32.contains(t) ? Width.UINT32 : Width.LONG;
    }

    private static int kind(Syscall s, List<Syscall.Param> ps, int i) {
        String type = ps.get(i).type();
        String name = ps.get(i).name();
        if (type.equals("struct sockaddr *")) {
            int len = lengthArg(ps, i);
            if (len < 0) {
                return RecordLayout.ARG_RAW;
            }
            return ps.get(len).type().contains("*") ? RecordLayout.ARG_SOCKADDR_LENPTR : RecordLayout.ARG_SOCKADDR;
        }
        if (type.startsWith("cap_user_header_t") || type.endsWith("cap_user_data_t")) {
            return RecordLayout.ARG_BYTES;
        }
        boolean string = type.equals("const char *") || (type.equals("char *") && MUTABLE_INPUT_STRINGS.contains(name));
        return string && !NOT_STRINGS.contains(name) ? RecordLayout.ARG_STR : RecordLayout.ARG_RAW;
    }

    /** The length parameter of a sockaddr: the next parameter whose name says "len". */
    private static int lengthArg(List<Syscall.Param> ps, int i) {
        for (int j = i + 1; j < ps.size(); j++) {
            if (ps.get(j).name().contains("len")) {
                return j;
            }
        }
        return -1;
    }

    /** A register value as the parameter's C type. */
    public long value(int i, long raw) {
        return switch (widths[i]) {
            case INT32 -> (int) raw;
            case UINT32 -> raw & 0xFFFF_FFFFL;
            case LONG -> raw;
        };
    }

    /** The kernel's {@code struct sw_sysinfo} for this syscall. */
    public byte[] sysinfo(boolean tripwire) {
        byte[] b = new byte[RecordLayout.SYSINFO_SIZE];
        int f = RecordLayout.SYS_CAPTURE | flags | (tripwire ? RecordLayout.SYS_TRIPWIRE : 0);
        b[RecordLayout.I_FLAGS] = (byte) f;
        for (int i = 0; i < kinds.length; i++) {
            b[RecordLayout.I_ARG_KIND + i] = (byte) kinds[i];
            b[RecordLayout.I_LEN_ARG + i] = (byte) lenArgs[i];
            b[RecordLayout.I_FIXED_LEN + 2 * i] = (byte) fixedLens[i];
            b[RecordLayout.I_FIXED_LEN + 2 * i + 1] = (byte) (fixedLens[i] >>> 8);
        }
        return b;
    }
}
