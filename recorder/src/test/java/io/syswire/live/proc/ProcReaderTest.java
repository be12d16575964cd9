package io.syswire.live.proc;

import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reading one process from a proc tree: here a fixture tree shaped like /proc. */
class ProcReaderTest {
    static final long WALL_AT_BOOT = 1_763_000_000_000_000_000L;
    static final String ID = "9ec39b91f3d70e1beff50a308f77067065ea6be0d91a3378375056cd4422cf3d";

    /** Clocks that stand still, the wall clock WALL_AT_BOOT ahead of the boot clock. */
    static final KernelClocks CLOCKS = new KernelClocks() {
        @Override
        public long bootNs() {
            return 4_698_000_000_000L;
        }

        @Override
        public long realNs() {
            return bootNs() + WALL_AT_BOOT;
        }
    };

    static final long MNT_NS = 4_026_531_840L;

    @TempDir
    Path proc;
    @TempDir
    Path metadata;
    ProcReader reader;
    String ns;

    ProcReader reader() {
        return new ProcReader(proc, 100, BootClock.calibrate(CLOCKS), new ContainerResolver(MetadataRoots.under(metadata)));
    }

    @BeforeEach
    void setUp() throws IOException {
        // the reader's own namespace link stands for nsfs: every namespace has its device
        Path self = Files.writeString(Files.createDirectories(proc.resolve("self/ns")).resolve("mnt"), "");
        ns = Files.getAttribute(self, "unix:dev") + "-" + MNT_NS;
        reader = reader();
    }

    /** A process directory as the kernel shows it; a null part is a file that is not there. */
    Path process(int pid, String comm, int ppid, long startTicks, String exe, String cmdline, String cgroup)
            throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.writeString(dir.resolve("stat"), ProcStatTest.stat(pid, comm, ppid, startTicks));
        if (exe != null) {
            Files.createSymbolicLink(dir.resolve("exe"), Path.of(exe));
        }
        if (cmdline != null) {
            Files.writeString(dir.resolve("cmdline"), cmdline);
        }
        if (cgroup != null) {
            Files.writeString(dir.resolve("cgroup"), cgroup);
        }
        Files.createSymbolicLink(Files.createDirectories(dir.resolve("ns")).resolve("mnt"), Path.of("mnt:[" + MNT_NS + "]"));
        return dir;
    }

    @Test
    void everyFieldComesFromItsProcFile() throws IOException {
        process(4242, "python3", 4200, 469_804, "/usr/bin/python3.11",
                "python3\0-m\0http.server\0", "0::/system.slice/docker-" + ID + ".scope\n");
        Files.createDirectories(metadata.resolve("var/lib/docker/containers/" + ID));
        Files.writeString(metadata.resolve("var/lib/docker/containers/" + ID + "/config.v2.json"), "{\"Name\":\"/web\"}");
        assertEquals(Optional.of(new ProcessInfo(4242, WALL_AT_BOOT + 4_698_040_000_000L, 4200, "python3",
                        "/usr/bin/python3.11", "python3 -m http.server", ns, ID, "web", null)),
                reader.read(4242));
    }

    @Test
    void aCommWithParenthesesAndSpacesIsTheName() throws IOException {
        process(77, "evil) (x 1", 1, 100, null, null, null);
        assertEquals("evil) (x 1", reader.read(77).orElseThrow().name());
    }

    @Test
    void theBpfStartTimeIsUsedWhenKnownForItsNanosecondPrecision() throws IOException {
        process(4242, "sh", 1, 469_804, "/bin/dash", "sh\0", "0::/\n");
        long bpfStart = 4_698_041_234_567L;  // tick 469804, and 1.234567 ms into it
        assertEquals(WALL_AT_BOOT + bpfStart, reader.read(4242, bpfStart).orElseThrow().startTime());
        assertEquals(WALL_AT_BOOT + 4_698_040_000_000L, reader.read(4242, RawEvent.NO_TIME).orElseThrow().startTime());
    }

    @Test
    void aStartTimeThatDoesNotMatchMeansThePidIsAnotherProcessNow() throws IOException {
        process(4242, "sh", 1, 469_804, "/bin/dash", "sh\0", "0::/\n");
        assertEquals(Optional.empty(), reader.read(4242, 1_000_000_000L));
    }

    @Test
    void aVanishedProcessIsEmptyNotAnError() {
        assertEquals(Optional.empty(), reader.read(999_999));
        assertEquals(Optional.empty(), reader.read(999_999, 5_000_000_000L));
    }

    @Test
    void aProcessThatExitsAfterItsStatWasReadGivesWhatWasRead() throws IOException {
        Path dir = process(4242, "curl", 4200, 500, null, null, null);
        Files.delete(dir.resolve("ns/mnt"));
        assertEquals(Optional.of(new ProcessInfo(4242, WALL_AT_BOOT + 5_000_000_000L, 4200, "curl",
                null, null, null, null, null, null)), reader.read(4242));
    }

    @Test
    void aKernelThreadHasNoExeAndNoCommand() throws IOException {
        process(87, "kworker/0:1-events", 2, 31, null, "", "0::/\n");
        assertEquals(Optional.of(new ProcessInfo(87, WALL_AT_BOOT + 310_000_000L, 2, "kworker/0:1-events",
                null, null, ns, null, null, null)), reader.read(87));
    }

    @Test
    void aDeletedExecutableKeepsTheKernelsMarker() throws IOException {
        process(4242, "x", 1, 5, "/tmp/x (deleted)", "./x\0", "0::/\n");
        assertEquals("/tmp/x (deleted)", reader.read(4242).orElseThrow().exe());
    }

    @Test
    void withoutSelfInTheProcTreeEachNamespaceLinkIsStatted() throws IOException {
        Files.delete(proc.resolve("self/ns/mnt"));
        Path dir = process(4242, "sh", 1, 5, "/bin/dash", "sh\0", "0::/\n");
        Files.delete(dir.resolve("ns/mnt"));
        Path mnt = Files.writeString(dir.resolve("ns/mnt"), "");
        assertEquals(Files.getAttribute(mnt, "unix:dev") + "-" + Files.getAttribute(mnt, "unix:ino"),
                reader().read(4242).orElseThrow().ns());
    }

    @Test
    void aTornStatFileIsTreatedAsAVanishedProcess() throws IOException {
        Path dir = Files.createDirectories(proc.resolve("4242"));
        Files.writeString(dir.resolve("stat"), "4242 (sh) S 1 4242");
        assertEquals(Optional.empty(), reader.read(4242));
    }
}
