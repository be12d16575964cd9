package io.syswire.live.proc;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Namespace ids as published: "<nsfs device>-<inode>". */
class NamespaceIdTest {
    @Test
    void printsDeviceDashInode() {
        assertEquals("4-4026531840", new NamespaceId(4, 4_026_531_840L).toString());
    }

    @Test
    void theInodeCanBeTakenFromALinksText() {
        assertEquals(Optional.of(new NamespaceId(4, 4_026_531_840L)), NamespaceId.fromLinkText(4, "mnt:[4026531840]"));
        assertEquals(Optional.of(new NamespaceId(4, 4_026_532_190L)), NamespaceId.fromLinkText(4, "pid:[4026532190]"));
        assertEquals(Optional.empty(), NamespaceId.fromLinkText(4, "/usr/bin/java"));
        assertEquals(Optional.empty(), NamespaceId.fromLinkText(4, "mnt:[x]"));
    }

    @Test
    void onThisMachineTheLinkTextAndStatAgree() throws IOException {
        Path mnt = Path.of("/proc/self/ns/mnt");
        assumeTrue(Files.exists(mnt), "needs Linux procfs");
        NamespaceId statted = NamespaceId.of(mnt).orElseThrow();
        assertEquals(Files.getAttribute(mnt, "unix:dev") + "-" + Files.getAttribute(mnt, "unix:ino"), statted.toString());
        assertEquals(Optional.of(statted), NamespaceId.fromLinkText(statted.dev(), Files.readSymbolicLink(mnt).toString()));
    }

    @Test
    void allNamespacesShareOneNsfsDevice() {
        Path self = Path.of("/proc/self/ns");
        assumeTrue(Files.exists(self), "needs Linux procfs");
        long dev = NamespaceId.of(self.resolve("mnt")).orElseThrow().dev();
        for (String kind : new String[]{"pid", "net", "uts", "ipc", "cgroup", "user"}) {
            assertEquals(dev, NamespaceId.of(self.resolve(kind)).orElseThrow().dev(), kind);
        }
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        assertEquals(dev, NamespaceId.of(Path.of("/proc/" + parent + "/ns/mnt")).orElseThrow().dev(), "another process's");
    }
}
