package io.syswire.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What this machine must offer before anything is loaded, each with a one-line error that
 * says what to do: privileges, kernel BTF, and tracefs (libbpf finds tracepoints there).
 *
 * <p>The capabilities a recorder needs, measured as uid 65534 with ambient capabilities
 * (README, "Least privilege"): CAP_BPF (create the program and its maps) and CAP_PERFMON
 * (tracing programs and their tracepoint attachments; without it the kernel refuses the program
 * with EPERM), or CAP_SYS_ADMIN for both; CAP_DAC_READ_SEARCH to read tracefs, which is
 * root's alone (mode 700). CAP_SYS_PTRACE is optional: without it /proc/PID/exe of another
 * user's process cannot be read, so processes already running when recording starts have no exe
 * (those that exec later get it from the kernel's exec event).
 */
final class Preflight {
    static final int CAP_DAC_OVERRIDE = 1;
    static final int CAP_DAC_READ_SEARCH = 2;
    static final int CAP_SYS_PTRACE = 19;
    static final int CAP_SYS_ADMIN = 21;
    static final int CAP_PERFMON = 38;
    static final int CAP_BPF = 39;

    private Preflight() {
    }

    /** Where this machine says what it offers; tests point them elsewhere. */
    record Machine(Path procStatus, Path kernelBtf, Path tracefsSyscalls, Runnable mountTracefs) {
        static final Machine LOCAL = new Machine(Path.of("/proc/self/status"), Path.of("/sys/kernel/btf/vmlinux"),
                Path.of("/sys/kernel/tracing/events/syscalls"), Preflight::mountTracefs);
    }

    static List<String> check() {
        return check(Machine.LOCAL);
    }

    /**
     * @return what the recording will lack although it can run (one line each)
     * @throws LiveUnavailableException naming what is missing and what to do
     */
    static List<String> check(Machine m) {
        long caps = effectiveCapabilities(m.procStatus());
        boolean admin = has(caps, CAP_SYS_ADMIN);
        List<String> missing = new ArrayList<>();
        if (!admin && !has(caps, CAP_BPF)) {
            missing.add("CAP_BPF (to load the eBPF program and its maps)");
        }
        if (!admin && !has(caps, CAP_PERFMON)) {
            missing.add("CAP_PERFMON (to attach it to the syscall tracepoints)");
        }
        if (!missing.isEmpty()) {
            throw new LiveUnavailableException("recording needs " + String.join(" and ", missing)
                    + ": run syswire record as root, or with these capabilities (README: Least privilege)");
        }
        if (!Files.isReadable(m.kernelBtf())) {
            throw new LiveUnavailableException("this kernel has no BTF (" + m.kernelBtf() + "): syswire needs a kernel built with CONFIG_DEBUG_INFO_BTF=y");
        }
        if (!Files.isDirectory(m.tracefsSyscalls())) {
            Path tracefs = m.tracefsSyscalls().getParent().getParent();
            if (Files.isDirectory(tracefs) && !has(caps, CAP_DAC_READ_SEARCH) && !has(caps, CAP_DAC_OVERRIDE)) {
                throw new LiveUnavailableException("cannot read tracefs (" + tracefs + " is root's alone): recording as another user "
                        + "needs CAP_DAC_READ_SEARCH (README: Least privilege)");
            }
            m.mountTracefs().run();
            if (!Files.isDirectory(m.tracefsSyscalls())) {
                throw new LiveUnavailableException("tracefs is not available: mount -t tracefs nodev /sys/kernel/tracing (and the kernel needs CONFIG_FTRACE_SYSCALLS)");
            }
        }
        List<String> degraded = new ArrayList<>();
        if (!has(caps, CAP_SYS_PTRACE)) {
            degraded.add("without CAP_SYS_PTRACE, processes of other users that were running before the recording started have no exe");
        }
        return degraded;
    }

    private static boolean has(long caps, int cap) {
        return (caps & (1L << cap)) != 0;
    }

    private static void mountTracefs() {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tracefs", "nodev", "/sys/kernel/tracing")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
        } catch (IOException e) {
            // reported below as tracefs missing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long effectiveCapabilities() {
        return effectiveCapabilities(Machine.LOCAL.procStatus());
    }

    private static long effectiveCapabilities(Path procStatus) {
        try {
            for (String line : Files.readAllLines(procStatus)) {
                if (line.startsWith("CapEff:")) {
                    return Long.parseUnsignedLong(line.substring(7).trim(), 16);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // treated as no capabilities
        }
        return 0;
    }
}
