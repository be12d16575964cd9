package io.syswire.live.proc;

import io.syswire.event.ProcessInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Reading processes of this machine from the real /proc. */
class ProcReaderLiveTest {
    static BootClock clock;
    static ProcReader reader;

    @BeforeAll
    static void onLinux() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/ns")), "needs Linux procfs");
        clock = BootClock.calibrate();
        reader = ProcReader.live(clock, new ContainerResolver(MetadataRoots.defaults()));
    }

    static int self() {
        return (int) ProcessHandle.current().pid();
    }

    @Test
    void thisJvmReadsAsItself() throws IOException {
        ProcessInfo p = reader.read(self()).orElseThrow();
        assertEquals(self(), p.pid());
        assertEquals(ProcessHandle.current().parent().orElseThrow().pid(), p.ppid());
        assertEquals("java", p.name());
        assertTrue(p.exe().endsWith("/java"), p.exe());
        assertTrue(p.cmd().split(" ")[0].endsWith("java"), p.cmd());
        Path ns = Path.of("/proc/self/ns/mnt");
        assertEquals(Files.getAttribute(ns, "unix:dev") + "-" + Files.getAttribute(ns, "unix:ino"), p.ns(),
                "what stat -L -c '%d-%i' /proc/self/ns/mnt prints");
        long jvmStart = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli() * 1_000_000L;
        // the JDK counts from /proc/stat's btime, which is whole seconds
        assertTrue(Math.abs(p.startTime() - jvmStart) < 2_000_000_000L, p.startTime() + " vs " + jvmStart);
    }

    @Test
    void thisJvmsContainerIsWhatItsCgroupFileSays() throws IOException {
        String cgroup = Files.readString(Path.of("/proc/self/cgroup"));
        ProcessInfo p = reader.read(self()).orElseThrow();
        assertEquals(CgroupPaths.fromProcFile(cgroup).map(CgroupContainer::id).orElse(null), p.containerId());
        if (!cgroup.matches("(?s).*[0-9a-f]{64}.*")) {
            assertEquals(null, p.containerId(), "no container id in " + cgroup);
        }
    }

    @Test
    void aChildReadsWithItsCommandLineAndThisJvmAsParent() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            int pid = (int) child.pid();
            ProcessInfo p = awaitName(pid, "sleep");
            assertEquals(self(), p.ppid());
            assertEquals("sleep 30", p.cmd());
            assertTrue(p.exe().endsWith("/sleep"), p.exe());
            assertEquals(reader.read(self()).orElseThrow().ns(), p.ns());
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aProcessThatHasExitedAndBeenReapedReadsAsEmpty() throws Exception {
        Process child = new ProcessBuilder("true").start();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        assertEquals(Optional.empty(), reader.read((int) child.pid()));
    }

    @Test
    void theBpfStartTimeOfThisJvmIsAcceptedAsItsOwn() {
        ProcessInfo fromProc = reader.read(self()).orElseThrow();
        long bootStart = fromProc.startTime() - clock.offsetNs() + 3_000_000L;  // within the same 10 ms tick
        assertEquals(fromProc.startTime() + 3_000_000L, reader.read(self(), bootStart).orElseThrow().startTime());
    }

    @Test
    void readsPerSecond() throws IOException {
        List<Integer> pids;
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            pids = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+")).map(Integer::valueOf).toList();
        }
        int self = self();
        for (int i = 0; i < 20_000; i++) {
            reader.read(self);  // warm up the JIT
        }
        long n = 0;
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 1_000_000_000L) {
            assertNotNull(reader.read(self));
            n++;
        }
        double selfRate = n / ((System.nanoTime() - t0) / 1e9);
        long m = 0;
        long t1 = System.nanoTime();
        while (System.nanoTime() - t1 < 1_000_000_000L) {
            for (int pid : pids) {
                reader.read(pid);
                m++;
            }
        }
        double allRate = m / ((System.nanoTime() - t1) / 1e9);
        System.out.printf("ProcReader: %.0f reads/s of this JVM, %.0f reads/s over all %d processes%n",
                selfRate, allRate, pids.size());
        assertTrue(selfRate > 1000, "reads at exec must be cheap: " + selfRate + "/s");
    }

    static ProcessInfo awaitName(int pid, String name) throws InterruptedException {
        // ProcessBuilder may return before the child's exec (the JDK spawns through a helper)
        long until = System.nanoTime() + 5_000_000_000L;
        while (true) {
            Optional<ProcessInfo> p = reader.read(pid);
            if (p.isPresent() && name.equals(p.get().name()) || System.nanoTime() > until) {
                return p.orElseThrow();
            }
            Thread.sleep(10);
        }
    }
}
