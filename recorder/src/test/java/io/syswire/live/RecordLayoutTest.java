package io.syswire.live;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.syswire.live.RecordLayout.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The Java decoder's offsets (RecordLayout) agree with bpf/syswire.h as the compiler laid
 * it out: the BTF of the built syswire.bpf.o, dumped by bpftool, is the judge.
 */
class RecordLayoutTest {
    /** struct name -> (member -> byte offset), and "(size)" -> struct size */
    static final Map<String, Map<String, Integer>> BTF = new HashMap<>();
    /** enumerator name -> value, of every enum */
    static final Map<String, Long> ENUMS = new HashMap<>();

    @BeforeAll
    static void readBtf(@TempDir Path dir) throws IOException, InterruptedException {
        Path obj = dir.resolve("syswire.bpf.o");
        try (InputStream in = RecordLayoutTest.class.getResourceAsStream("/io/syswire/bpf/syswire.bpf.o")) {
            assertNotNull(in, "the built kernel program is on the class path");
            Files.copy(in, obj);
        }
        Process p = new ProcessBuilder("bpftool", "btf", "dump", "file", obj.toString(), "format", "raw")
                .redirectErrorStream(true).start();
        String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), dump);
        Pattern struct = Pattern.compile("^\\[\\d+] STRUCT '(sw_\\w+)' size=(\\d+) vlen=\\d+$");
        Pattern member = Pattern.compile("^\\s+'(\\w+)' type_id=\\d+ bits_offset=(\\d+)$");
        Pattern enumerator = Pattern.compile("^\\s+'(SW_\\w+)' val=(-?\\d+)$");
        Map<String, Integer> current = null;
        for (String line : dump.split("\n")) {
            Matcher s = struct.matcher(line);
            Matcher m = member.matcher(line);
            Matcher en = enumerator.matcher(line);
            if (en.matches()) {
                ENUMS.put(en.group(1), Long.parseLong(en.group(2)));
            } else if (s.matches()) {
                current = new HashMap<>();
                current.put("(size)", Integer.parseInt(s.group(2)));
                BTF.put(s.group(1), current);
            } else if (m.matches() && current != null) {
                current.put(m.group(1), Integer.parseInt(m.group(2)) / 8);
            } else if (!line.startsWith("\t")) {
                current = null;
            }
        }
    }

    static void at(String struct, String field, int javaOffset) {
        Map<String, Integer> s = BTF.get(struct);
        assertNotNull(s, struct + " is in the object's BTF");
        assertEquals(s.get(field), javaOffset, struct + "." + field);
    }

    static void size(String struct, int javaSize) {
        at(struct, "(size)", javaSize);
    }

    @Test
    void header() {
        at("sw_header", "kind", H_KIND);
        at("sw_header", "size", H_SIZE);
        at("sw_header", "cpu", H_CPU);
        at("sw_header", "ts", H_TS);
        at("sw_header", "lost", H_LOST);
        size("sw_header", HEADER_SIZE);
    }

    @Test
    void task() {
        at("sw_task", "pid", T_PID);
        at("sw_task", "tid", T_TID);
        at("sw_task", "ppid", T_PPID);
        at("sw_task", "uid", T_UID);
        at("sw_task", "gid", T_GID);
        at("sw_task", "pid_ns", T_PID_NS);
        at("sw_task", "start_time", T_START_TIME);
        at("sw_task", "cap_effective", T_CAP_EFFECTIVE);
        at("sw_task", "cap_permitted", T_CAP_PERMITTED);
        at("sw_task", "cap_inheritable", T_CAP_INHERITABLE);
        at("sw_task", "mnt_ns", T_MNT_NS);
        at("sw_task", "cgroup_id", T_CGROUP_ID);
        at("sw_task", "comm", T_COMM);
        size("sw_task", TASK_SIZE);
        for (String record : new String[] {"sw_syscall", "sw_fork", "sw_exec", "sw_exit"}) {
            at(record, "h", 0);
            at(record, "task", TASK);
        }
    }

    @Test
    void syscallRecordAndBlobs() {
        at("sw_syscall", "nr", S_NR);
        at("sw_syscall", "flags", S_FLAGS);
        at("sw_syscall", "nblob", S_NBLOB);
        at("sw_syscall", "args", S_ARGS);
        at("sw_syscall", "ret", S_RET);
        at("sw_syscall", "blob", S_BLOB);
        size("sw_syscall", SYSCALL_SIZE);
        at("sw_blob", "arg", B_ARG);
        at("sw_blob", "kind", B_KIND);
        at("sw_blob", "len", B_LEN);
        at("sw_blob", "data", B_DATA);
        size("sw_blob", BLOB_SIZE);
        assertEquals(S_BLOB + MAX_BLOBS * BLOB_SIZE, SYSCALL_SIZE);
    }

    @Test
    void lifecycleRecords() {
        at("sw_fork", "child_pid", F_CHILD_PID);
        at("sw_fork", "child_start_time", F_CHILD_START_TIME);
        size("sw_fork", FORK_SIZE);
        at("sw_exec", "filename_len", E_FILENAME_LEN);
        at("sw_exec", "filename", E_FILENAME);
        at("sw_exec", "cmdline_len", E_CMDLINE_LEN);
        at("sw_exec", "cmdline", E_CMDLINE);
        at("sw_exec", "exe_depth", E_EXE_DEPTH);
        at("sw_exec", "exe_flags", E_EXE_FLAGS);
        at("sw_exec", "exe_parts", E_EXE_PARTS);
        size("sw_exec", EXEC_SIZE);
        assertEquals(E_EXE_PARTS + EXE_PARTS * EXE_PART_MAX, EXEC_SIZE);
        at("sw_task_start", "tgid", TS_TGID);
        at("sw_task_start", "ppid", TS_PPID);
        at("sw_task_start", "start_time", TS_START_TIME);
        size("sw_task_start", TASK_START_SIZE);
        at("sw_exit", "exit_code", X_EXIT_CODE);
        size("sw_exit", EXIT_SIZE);
    }

    static void value(String enumerator, int javaValue) {
        assertNotNull(ENUMS.get(enumerator), enumerator + " is in the object's BTF");
        assertEquals(ENUMS.get(enumerator), (long) javaValue, enumerator);
    }

    @Test
    void enumerations() {
        value("SW_REC_SYSCALL", REC_SYSCALL);
        value("SW_REC_FORK", REC_FORK);
        value("SW_REC_EXEC", REC_EXEC);
        value("SW_REC_EXIT", REC_EXIT);
        value("SW_SYS_CAPTURE", SYS_CAPTURE);
        value("SW_SYS_TRIPWIRE", SYS_TRIPWIRE);
        value("SW_SYS_NORETURN", SYS_NORETURN);
        value("SW_SYS_READ_AT_ENTRY", SYS_READ_AT_ENTRY);
        value("SW_ARG_RAW", ARG_RAW);
        value("SW_ARG_STR", ARG_STR);
        value("SW_ARG_SOCKADDR", ARG_SOCKADDR);
        value("SW_ARG_SOCKADDR_LENPTR", ARG_SOCKADDR_LENPTR);
        value("SW_ARG_BYTES", ARG_BYTES);
        value("SW_SC_NO_RETURN", SC_NO_RETURN);
        value("SW_SC_ELEVATED", SC_ELEVATED);
        value("SW_EXE_COMPLETE", EXE_COMPLETE);
        value("SW_CNT_SEEN", CNT_SEEN);
        value("SW_CNT_FORWARDED", CNT_FORWARDED);
        value("SW_CNT_DROPPED", CNT_DROPPED);
        value("SW_CNT_STR_FAIL", CNT_STR_FAIL);
        value("SW_CNT_PENDING_LOST", CNT_PENDING_LOST);
        value("SW_CNT_INFLIGHT_MISS", CNT_INFLIGHT_MISS);
        value("SW_CNT_MAX", CNT_MAX);
    }

    @Test
    void mapValues() {
        at("sw_config", "elevated", C_ELEVATED);
        at("sw_config", "budget_ns", C_BUDGET_NS);
        at("sw_config", "budget_events", C_BUDGET_EVENTS);
        at("sw_config", "self_tgid", C_SELF_TGID);
        at("sw_config", "ungated", C_UNGATED);
        at("sw_config", "pid_filter", C_PID_FILTER);
        at("sw_config", "comm_filter", C_COMM_FILTER);
        at("sw_config", "wakeup_bytes", C_WAKEUP_BYTES);
        size("sw_config", CONFIG_SIZE);
        at("sw_sysinfo", "flags", I_FLAGS);
        at("sw_sysinfo", "arg_kind", I_ARG_KIND);
        at("sw_sysinfo", "len_arg", I_LEN_ARG);
        at("sw_sysinfo", "fixed_len", I_FIXED_LEN);
        size("sw_sysinfo", SYSINFO_SIZE);
    }
}
