package io.syswire.live;

import io.syswire.event.ProcessInfo;
import io.syswire.live.proc.BootClock;
import io.syswire.live.proc.CgroupIds;
import io.syswire.live.proc.ContainerResolver;
import io.syswire.live.proc.KernelClocks;
import io.syswire.live.proc.MetadataRoots;
import io.syswire.live.proc.ProcReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * How a process the kernel reported is described: when /proc no longer has it, and when
 * /proc already shows a later image of it.
 */
class LiveEnvironmentTest {
    static final String ID = "4f1c6cb4d2f1b0d2a9e8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6";
    static final KernelClocks CLOCKS = new KernelClocks() {
        @Override
        public long realNs() {
            return 1_000_000_000_000L;
        }

        @Override
        public long bootNs() {
            return 0;
        }
    };

    @TempDir
    Path dir;

    LiveEnvironment environment(Path cgroupRoot) throws IOException {
        Path proc = Files.createDirectories(dir.resolve("proc")); // empty: every process is gone
        Files.createDirectories(proc.resolve("self/ns"));
        ContainerResolver containers = new ContainerResolver(MetadataRoots.under(dir));
        BootClock clock = BootClock.calibrate(CLOCKS);
        return new LiveEnvironment(clock, new ProcReader(proc, 100, clock, containers),
                new CgroupIds(cgroupRoot, System::nanoTime, 1_000_000_000L), containers);
    }

    @Test
    void aProcessGoneBeforeProcCouldBeReadGetsItsContainerFromItsCgroupId() throws IOException {
        Path cgroups = dir.resolve("cgroup");
        Path scope = Files.createDirectories(cgroups.resolve("system.slice/docker-" + ID + ".scope"));
        Files.createDirectories(dir.resolve("var/lib/docker/containers/" + ID));
        Files.writeString(dir.resolve("var/lib/docker/containers/" + ID + "/config.v2.json"), "{\"Name\":\"/web\"}");
        ProcessInfo known = new ProcessInfo(4242, 5_000L, 1, "sh", "./run.sh", "./run.sh --once", null, null, null, null);

        ProcessInfo d = environment(cgroups).processLookup().describe(known, 0, (Long) Files.getAttribute(scope, "unix:ino"));

        assertEquals(ID, d.containerId());
        assertEquals("web", d.containerName());
        assertEquals("./run.sh --once", d.cmd(), "what the record said stays");
        assertEquals("./run.sh", d.exe());
    }

    @Test
    void aCgroupThatIsNoContainerLeavesTheContainerEmpty() throws IOException {
        Path cgroups = dir.resolve("cgroup");
        Path session = Files.createDirectories(cgroups.resolve("user.slice/session-3.scope"));
        ProcessInfo d = environment(cgroups).processLookup()
                .describe(ProcessInfo.minimal(4242, 5_000L, 1, "sh"), 0, (Long) Files.getAttribute(session, "unix:ino"));
        assertNull(d.containerId());
        assertEquals("sh", d.name());
    }

    /** /proc with one process that has exec'd since the record was made: it now runs ping. */
    LiveEnvironment laterImageInProc(int pid) throws IOException {
        Path proc = Files.createDirectories(dir.resolve("proc"));
        Files.createDirectories(proc.resolve("self/ns"));
        Path p = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(p.resolve("stat"), pid + " (ping) S 1 " + "0 ".repeat(17) + "0 0 0\n");
        Files.createSymbolicLink(p.resolve("exe"), Path.of("/usr/bin/ping"));
        Files.writeString(p.resolve("cmdline"), "ping\0-c\0003\0");
        ContainerResolver containers = new ContainerResolver(MetadataRoots.under(dir));
        BootClock clock = BootClock.calibrate(CLOCKS);
        return new LiveEnvironment(clock, new ProcReader(proc, 100, clock, containers),
                new CgroupIds(dir.resolve("cgroup"), System::nanoTime, 1_000_000_000L), containers);
    }

    @Test
    void anExecRecordKeepsTheKernelsViewOfItsImageWhenProcAlreadyShowsALaterOne() throws IOException {
        ProcessInfo setpriv = new ProcessInfo(4242, io.syswire.event.RawEvent.NO_TIME, 1, "setpriv",
                "/usr/bin/setpriv", "setpriv --reuid=nobody ping -c 3", null, null, null, null);
        ProcessInfo d = laterImageInProc(4242).processLookup().describe(setpriv, 0, 0);
        assertEquals("setpriv", d.name());
        assertEquals("/usr/bin/setpriv", d.exe());
        assertEquals("setpriv --reuid=nobody ping -c 3", d.cmd());
    }

    @Test
    void aFirstSeenProcessTakesNoImageMetadataFromProcWhenItsCommNamesAnotherImage() throws IOException {
        // the syscall came from setpriv; by the time /proc is read the process runs ping
        ProcessInfo d = laterImageInProc(4242).processLookup()
                .describe(ProcessInfo.minimal(4242, io.syswire.event.RawEvent.NO_TIME, 1, "setpriv"), 0, 0);
        assertEquals("setpriv", d.name());
        assertNull(d.exe(), "ping's exe is not setpriv's");
        assertNull(d.cmd(), "ping's command line is not setpriv's");
    }

    @Test
    void procFillsWhatTheRecordLacksWhenItShowsTheSameImage() throws IOException {
        ProcessInfo d = laterImageInProc(4242).processLookup()
                .describe(ProcessInfo.minimal(4242, io.syswire.event.RawEvent.NO_TIME, 1, "ping"), 0, 0);
        assertEquals("/usr/bin/ping", d.exe());
        assertEquals("ping -c 3", d.cmd());
    }
}
