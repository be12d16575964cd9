package io.syswire.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this machine must offer before anything is loaded, each with a one-line error that
 * says what to do: privileges, kernel BTF, and tracefs (libbpf finds tracepoints there).
 */
final class Preflight {
    private static final long CAP_SYS_ADMIN = 1L << 21;
    private static final long CAP_PERFMON = 1L << 38;
    private static final long CAP_BPF = 1L << 39;

    private Preflight() {
    }

    /** Where this machine says what it offers; tests point them elsewhere. */
    record Machine(Path procStatus, Path kernelBtf, Path tracefsSyscalls, Runnable mountTracefs) {
        static final Machine LOCAL = new Machine(Path.of("/proc/self/status"), Path.of("/sys/kernel/btf/vmlinux"),
                Path.of("/sys/kernel/tracing/events/syscalls"), Preflight::mountTracefs);
    }

    static void check() {
        check(Machine.LOCAL);
    }

    static void check(Machine m) {
        long caps = effectiveCapabilities(m.procStatus());
        boolean bpf = (caps & CAP_SYS_ADMIN) != 0 || ((caps & CAP_BPF) != 0 && (caps & CAP_PERFMON) != 0);
        if (!bpf) {
            throw new LiveUnavailableException("recording needs root (CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN): run syswire record as root");
        }
        if (!Files.isReadable(m.kernelBtf())) {
            throw new LiveUnavailableException("this kernel has no BTF (" + m.kernelBtf() + "): syswire needs a kernel built with CONFIG_DEBUG_INFO_BTF=y");
        }
        if (!Files.isDirectory(m.tracefsSyscalls())) {
            m.mountTracefs().run();
            if (!Files.isDirectory(m.tracefsSyscalls())) {
                throw new LiveUnavailableException("tracefs is not available: mount -t tracefs nodev /sys/kernel/tracing (and the kernel needs CONFIG_FTRACE_SYSCALLS)");
            }
        }
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
