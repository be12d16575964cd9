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

    static String caps(int... bits) {
        long m = 0;
        for (int b : bits) {
            m |= 1L << b;
        }
        return String.format("%016x", m);
    }

    @Test
    void withoutBpfPrivilegesItNamesEachMissingCapability() throws IOException {
        assertEquals("recording needs CAP_BPF (to load the eBPF program and its maps) and CAP_PERFMON (to attach it to the syscall "
                + "tracepoints): run syswire record as root, or with these capabilities (README: Least privilege)",
                refusal(new Preflight.Machine(status(caps()), btf(), tracefs(), () -> { })));
        assertEquals("recording needs CAP_PERFMON (to attach it to the syscall tracepoints): run syswire record as root, or with "
                + "these capabilities (README: Least privilege)",
                refusal(new Preflight.Machine(status(caps(Preflight.CAP_BPF)), btf(), tracefs(), () -> { })));
        assertEquals("recording needs CAP_BPF (to load the eBPF program and its maps): run syswire record as root, or with "
                + "these capabilities (README: Least privilege)",
                refusal(new Preflight.Machine(status(caps(Preflight.CAP_PERFMON)), btf(), tracefs(), () -> { })));
    }

    @Test
    void capBpfWithCapPerfmonIsEnoughWithoutCapSysAdminAndOnlyTheMissingPtraceIsNoted() throws IOException {
        Preflight.Machine m = new Preflight.Machine(status(caps(Preflight.CAP_BPF, Preflight.CAP_PERFMON)), btf(), tracefs(), () -> { });
        assertEquals(java.util.List.of("without CAP_SYS_PTRACE, processes of other users that were running before the recording "
                + "started have no exe"), Preflight.check(m));
        Preflight.Machine all = new Preflight.Machine(status(caps(Preflight.CAP_SYS_ADMIN, Preflight.CAP_SYS_PTRACE)), btf(), tracefs(), () -> { });
        assertEquals(java.util.List.of(), Preflight.check(all), "CAP_SYS_ADMIN stands for CAP_BPF and CAP_PERFMON");
    }

    @Test
    void aTracefsItCannotReadNeedsCapDacReadSearch() throws IOException {
        Files.createDirectories(dir.resolve("tracing")); // there, but its events are out of sight
        Preflight.Machine m = new Preflight.Machine(status(caps(Preflight.CAP_BPF, Preflight.CAP_PERFMON)), btf(),
                dir.resolve("tracing/events/syscalls"), () -> { });
        assertEquals("cannot read tracefs (" + dir.resolve("tracing") + " is root's alone): recording as another user needs "
                + "CAP_DAC_READ_SEARCH (README: Least privilege)", refusal(m));
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
