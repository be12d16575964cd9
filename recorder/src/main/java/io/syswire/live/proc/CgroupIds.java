package io.syswire.live.proc;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * cgroup ids as BPF reports them ({@code bpf_get_current_cgroup_id}) to cgroup paths as
 * /proc/PID/cgroup shows them: on cgroup v2 a cgroup's id is the inode number of its
 * directory, so one walk of the hierarchy maps every id. This is how a process that exited
 * before /proc could be read still gets its container. The map is built at the first lookup
 * and built again when an id is missing (a new container made a new cgroup), at most once
 * per {@code rescanNanos}, so a burst of unknown ids costs one walk. Not thread-safe.
 */
public final class CgroupIds {
    private static final int MAX_DEPTH = 16;

    private final Path root; // null: no cgroup2 hierarchy here
    private final LongSupplier nanoTime;
    private final long rescanNanos;
    private Map<Long, String> paths = Map.of();
    private long lastScan;
    private boolean scanned;

    public CgroupIds(Path root, LongSupplier nanoTime, long rescanNanos) {
        this.root = root;
        this.nanoTime = nanoTime;
        this.rescanNanos = rescanNanos;
    }

    /** The cgroup2 hierarchy this machine has mounted (/sys/fs/cgroup, or /sys/fs/cgroup/unified on hybrid systems). */
    public static CgroupIds local() {
        return new CgroupIds(localRoot().orElse(null), System::nanoTime, 1_000_000_000L);
    }

    /** Where this machine mounts its cgroup2 hierarchy; empty when it has none. */
    public static Optional<Path> localRoot() {
        try {
            return cgroup2Mount(Files.readString(Path.of("/proc/self/mountinfo")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The mount point of the first cgroup2 filesystem in a /proc/PID/mountinfo text. */
    static Optional<Path> cgroup2Mount(String mountinfo) {
        for (String line : mountinfo.split("\n")) {
            // id parent major:minor root mount-point options [optional...] - fstype source super-options
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] tail = line.substring(dash + 3).split(" ");
            String[] head = line.substring(0, dash).split(" ");
            if (tail.length > 0 && tail[0].equals("cgroup2") && head.length > 4) {
                return Optional.of(Path.of(unescape(head[4])));
            }
        }
        return Optional.empty();
    }

    /** mountinfo writes space, tab, newline and backslash in paths as octal escapes. */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).chars().allMatch(d -> d >= '0' && d <= '7')) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The cgroup's path from the hierarchy's root ({@code "/"}, {@code "/system.slice/docker-….scope"}). */
    public Optional<String> path(long id) {
        if (root == null || id == 0) {
            return Optional.empty();
        }
        String p = paths.get(id);
        if (p == null && (!scanned || nanoTime.getAsLong() - lastScan >= rescanNanos)) {
            scan();
            p = paths.get(id);
        }
        return Optional.ofNullable(p);
    }

    private void scan() {
        scanned = true;
        lastScan = nanoTime.getAsLong();
        Map<Long, String> found = new HashMap<>();
        try {
            Files.walkFileTree(root, java.util.EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                            Object ino = Files.getAttribute(dir, "unix:ino");
                            String rel = root.relativize(dir).toString();
                            found.put((Long) ino, "/" + rel);
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            return FileVisitResult.CONTINUE; // a cgroup removed during the walk
                        }
                    });
        } catch (IOException | UnsupportedOperationException e) {
            // keep what was found
        }
        paths = found;
    }
}
