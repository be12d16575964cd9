package io.syswire.live.proc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** cgroup ids (directory inodes on cgroup2) to the paths /proc/PID/cgroup would show. */
class CgroupIdsTest {
    static final String ID = "4f1c6cb4d2f1b0d2a9e8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6";

    @TempDir
    Path root;

    static long inode(Path dir) throws IOException {
        return (Long) Files.getAttribute(dir, "unix:ino");
    }

    @Test
    void anIdIsTheInodeOfItsCgroupDirectory() throws IOException {
        Path scope = Files.createDirectories(root.resolve("system.slice/docker-" + ID + ".scope"));
        CgroupIds ids = new CgroupIds(root, System::nanoTime, 1_000_000_000L);
        assertEquals(Optional.of("/system.slice/docker-" + ID + ".scope"), ids.path(inode(scope)));
        assertEquals(Optional.of("/system.slice"), ids.path(inode(root.resolve("system.slice"))));
        assertEquals(Optional.of("/"), ids.path(inode(root)));
        assertEquals(Optional.empty(), ids.path(0), "0: the kernel did not say");
    }

    @Test
    void aNewCgroupIsFoundByTheNextWalkButUnknownIdsDoNotWalkMoreThanOnceASecond() throws IOException {
        AtomicLong now = new AtomicLong();
        CgroupIds ids = new CgroupIds(root, now::get, 1_000_000_000L);
        assertEquals(Optional.of("/"), ids.path(inode(root)));
        Path late = Files.createDirectories(root.resolve("late"));
        now.addAndGet(10_000_000L);
        assertEquals(Optional.empty(), ids.path(inode(late)), "within a second of the last walk");
        now.addAndGet(1_000_000_000L);
        assertEquals(Optional.of("/late"), ids.path(inode(late)));
    }

    @Test
    void withoutACgroup2HierarchyNothingIsKnown() {
        assertEquals(Optional.empty(), new CgroupIds(null, System::nanoTime, 0).path(1));
    }

    @Test
    void theCgroup2MountIsFoundInMountinfoOnHybridAndUnifiedMachines() {
        String hybrid = """
                31 25 0:26 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
                32 31 0:27 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate
                33 31 0:28 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,xattr,name=systemd
                """;
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup/unified")), CgroupIds.cgroup2Mount(hybrid));
        String unified = "29 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot\n";
        assertEquals(Optional.of(Path.of("/sys/fs/cgroup")), CgroupIds.cgroup2Mount(unified));
        String escaped = "29 23 0:26 / /mnt/my\\040cgroups rw shared:4 - cgroup2 cgroup2 rw\n";
        assertEquals(Optional.of(Path.of("/mnt/my cgroups")), CgroupIds.cgroup2Mount(escaped));
        assertEquals(Optional.empty(), CgroupIds.cgroup2Mount("33 31 0:28 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu\n"));
    }
}
