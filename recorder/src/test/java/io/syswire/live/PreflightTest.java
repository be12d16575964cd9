package io.syswire.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What a machine that cannot record is told: one line that says what to do, checked before
 * anything is loaded. The machine is described by files, so every missing piece can be shown.
 */
class PreflightTest {
    @TempDir
    Path dir;

    Path status(String capEff) throws IOException {
        return Files.writeString(dir.resolve("status"), "Name:\tjava\nCapInh:\t0000000000000000\nCapEff:\t" + capEff + "\n");
    }

    Path btf() throws IOException {
        return Files.writeString(dir.resolve("vmlinux"), "BTF");
    }

    Path tracefs() throws IOException {
        return Files.createDirectories(dir.resolve("tracing/events/syscalls"));
    }

    static String refusal(Preflight.Machine m) {
        return assertThrows(LiveUnavailableException.class, () -> Preflight.check(m)).getMessage();
    }

    @Test
    void withoutBpfPrivilegesItSaysToRunAsRoot() throws IOException {
        String m = refusal(new Preflight.Machine(status("0000000000000000"), btf(), tracefs(), () -> { }));
        assertEquals("recording needs root (CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN): run syswire record as root", m);
    }

    @Test
    void capBpfWithCapPerfmonIsEnoughWithoutCapSysAdmin() throws IOException {
        long bpfAndPerfmon = (1L << 39) | (1L << 38);
        Preflight.Machine m = new Preflight.Machine(status(String.format("%016x", bpfAndPerfmon)), btf(), tracefs(), () -> { });
        assertDoesNotThrow(() -> Preflight.check(m));
    }

    @Test
    void withoutKernelBtfItNamesTheKernelOptionNeeded() throws IOException {
        Path missing = dir.resolve("no-vmlinux");
        String m = refusal(new Preflight.Machine(status("000001ffffffffff"), missing, tracefs(), () -> { }));
        assertEquals("this kernel has no BTF (" + missing + "): syswire needs a kernel built with CONFIG_DEBUG_INFO_BTF=y", m);
    }

    @Test
    void tracefsIsMountedWhenMissingAndOnlyThenReported() throws IOException {
        Path syscalls = dir.resolve("tracing/events/syscalls");
        AtomicInteger mounts = new AtomicInteger();
        Preflight.Machine mountable = new Preflight.Machine(status("000001ffffffffff"), btf(), syscalls, () -> {
            mounts.incrementAndGet();
            try {
                Files.createDirectories(syscalls);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertDoesNotThrow(() -> Preflight.check(mountable));
        assertEquals(1, mounts.get());

        Preflight.Machine unmountable = new Preflight.Machine(status("000001ffffffffff"), btf(), dir.resolve("none/syscalls"), () -> { });
        assertEquals("tracefs is not available: mount -t tracefs nodev /sys/kernel/tracing (and the kernel needs CONFIG_FTRACE_SYSCALLS)",
                refusal(unmountable));
    }

    @Test
    void withoutLibbpfItSaysWhichPackageToInstall() {
        String m = assertThrows(LiveUnavailableException.class, () -> Natives.load("libbpf-not-here.so.1")).getMessage();
        assertEquals("libbpf is not installed (libbpf-not-here.so.1): apt-get install libbpf1", m);
    }
}
