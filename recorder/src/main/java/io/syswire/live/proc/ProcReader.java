package io.syswire.live.proc;

import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads what /proc says about one process, as a {@link ProcessInfo}: name, ppid and start
 * time from /proc/PID/stat, exe from the /proc/PID/exe link, cmd from /proc/PID/cmdline,
 * ns from /proc/PID/ns/mnt, container and pod from /proc/PID/cgroup.
 *
 * <p>A process may exit, or be a zombie, while it is read. The rule: stat decides. When
 * /proc/PID/stat cannot be read the process is gone and the answer is empty; once it has been
 * read the answer is a ProcessInfo holding whatever else could still be read, the rest null
 * (exe, cmd and ns of a zombie or kernel thread, for instance). Nothing is thrown for a
 * vanished process.
 *
 * <p>Cheap by construction, since it runs at every exec under observation: the name comes
 * from stat's comm field (the same text /proc/PID/comm holds), and ns from the text of the
 * ns/mnt link paired with the nsfs device read once from procRoot/self/ns/mnt, rather than a
 * stat of each link; five file operations in all, and container names are cached by the
 * {@link ContainerResolver}. exe is the link text as the kernel gives it, " (deleted)" suffix
 * included.
 */
public final class ProcReader {
    private final Path procRoot;
    private final long nsPerTick;
    private final BootClock clock;
    private final ContainerResolver containers;
    private final long nsfsDev;  // -1 when procRoot has no self/ns/mnt: then each link is stat'ed

    /**
     * @param procRoot            where procfs is mounted (/proc; a fixture directory in tests)
     * @param clockTicksPerSecond USER_HZ, the unit of stat's starttime
     */
    public ProcReader(Path procRoot, long clockTicksPerSecond, BootClock clock, ContainerResolver containers) {
        this.procRoot = procRoot;
        this.nsPerTick = 1_000_000_000L / clockTicksPerSecond;
        this.clock = clock;
        this.containers = containers;
        this.nsfsDev = NamespaceId.of(procRoot.resolve("self").resolve("ns").resolve("mnt")).map(NamespaceId::dev).orElse(-1L);
    }

    /** This machine's /proc and container runtimes. */
    public static ProcReader live(BootClock clock, ContainerResolver containers) {
        return new ProcReader(Path.of("/proc"), LibcClocks.clockTicksPerSecond(), clock, containers);
    }

    /** The process, its start time from /proc (to the clock tick, 10 ms). */
    public Optional<ProcessInfo> read(int pid) {
        return read(pid, RawEvent.NO_TIME);
    }

    /**
     * The process, its start time taken from {@code bootStartNs} (the group leader's
     * start_boottime as BPF reports it, nanosecond-precise) unless that is
     * {@link RawEvent#NO_TIME}, then from /proc. A known start time also proves identity:
     * when /proc's start differs by more than a tick, the pid now belongs to another process
     * and the answer is empty.
     */
    public Optional<ProcessInfo> read(int pid, long bootStartNs) {
        Path dir = procRoot.resolve(Integer.toString(pid));
        byte[] statBytes = ProcFile.read(dir.resolve("stat"));
        Optional<ProcStat> parsed = statBytes == null ? Optional.empty()
                : ProcStat.parse(new String(statBytes, StandardCharsets.UTF_8));
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        ProcStat stat = parsed.get();
        boolean known = bootStartNs != RawEvent.NO_TIME;
        if (known && Math.abs(bootStartNs / nsPerTick - stat.startTicks()) > 1) {
            return Optional.empty();
        }
        long startTime = clock.toWall(known ? bootStartNs : stat.startTicks() * nsPerTick);

        byte[] cmdline = ProcFile.read(dir.resolve("cmdline"));
        byte[] cgroup = ProcFile.read(dir.resolve("cgroup"));
        Optional<Container> container = cgroup == null ? Optional.empty()
                : containers.fromProcCgroup(new String(cgroup, StandardCharsets.UTF_8));
        return Optional.of(new ProcessInfo(pid, startTime, stat.ppid(), stat.comm(), link(dir.resolve("exe")),
                cmdline == null ? null : CommandLine.join(cmdline), mountNamespace(dir),
                container.map(Container::id).orElse(null), container.map(Container::name).orElse(null),
                container.map(Container::podUid).orElse(null)));
    }

    /** The published name of a mount namespace the kernel reported by inode; null when nsfs is unknown. */
    public String mountNamespace(long inode) {
        return nsfsDev == -1 || inode == 0 ? null : new NamespaceId(nsfsDev, inode).toString();
    }

    private String mountNamespace(Path dir) {
        Path mnt = dir.resolve("ns").resolve("mnt");
        if (nsfsDev == -1) {
            return NamespaceId.of(mnt).map(NamespaceId::toString).orElse(null);
        }
        String text = link(mnt);
        return text == null ? null : NamespaceId.fromLinkText(nsfsDev, text).map(NamespaceId::toString).orElse(null);
    }

    private static String link(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            // kernel threads have no exe; a zombie or exited process has neither exe nor namespaces
            return null;
        }
    }
}
