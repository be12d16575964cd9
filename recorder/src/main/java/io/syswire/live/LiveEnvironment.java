package io.syswire.live;

import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.live.proc.BootClock;
import io.syswire.live.proc.CgroupIds;
import io.syswire.live.proc.CgroupPaths;
import io.syswire.live.proc.Container;
import io.syswire.live.proc.ContainerResolver;
import io.syswire.live.proc.MetadataRoots;
import io.syswire.live.proc.ProcReader;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * This machine as the live recorder meets it: the boot clock the kernel stamps records
 * with, calibrated against the wall clock once per recording, and /proc for process metadata.
 */
public final class LiveEnvironment {
    private final BootClock clock;
    private final ProcReader proc;
    private final CgroupIds cgroups;
    private final ContainerResolver containers;

    LiveEnvironment(BootClock clock, ProcReader proc, CgroupIds cgroups, ContainerResolver containers) {
        this.clock = clock;
        this.proc = proc;
        this.cgroups = cgroups;
        this.containers = containers;
    }

    public static LiveEnvironment local() {
        BootClock clock = BootClock.calibrate();
        ContainerResolver containers = new ContainerResolver(MetadataRoots.defaults());
        return new LiveEnvironment(clock, ProcReader.live(clock, containers), CgroupIds.local(), containers);
    }

    /**
     * What /proc adds to a record's view of a process. /proc shows the process as it is when
     * it is read, which may be a later image than the record's (the process exec'd again in
     * between): so the record's own values (the kernel's comm, exe path and argv, its start
     * time and ppid) always stand, and /proc's exe and command line fill a gap only when
     * /proc describes the same process (start time) running the same image (its comm is the
     * record's, and for an exe the file's name begins with that comm, as the kernel derives
     * comm from it). Namespace and container come from the kernel's ids when it gave them.
     * When the process is already gone, the record's view stands.
     */
    public ProcessLookup processLookup() {
        return new ProcessLookup() {
            @Override
            public ProcessInfo describe(ProcessInfo known, long mntNs, long cgroupId) {
                long bootStart = known.hasStartTime() ? known.startTime() - clock.offsetNs() : RawEvent.NO_TIME;
                return proc.read(known.pid(), bootStart).map(p -> merge(known, p, mntNs))
                        .orElseGet(() -> fromKernel(known, mntNs, cgroupId));
            }

            @Override
            public Optional<ProcessInfo> ancestor(int pid, long startTime) {
                long bootStart = startTime != RawEvent.NO_TIME ? startTime - clock.offsetNs() : RawEvent.NO_TIME;
                return proc.read(pid, bootStart);
            }
        };
    }

    private ProcessInfo merge(ProcessInfo known, ProcessInfo now, long mntNs) {
        boolean sameImage = known.name() == null || known.name().equals(now.name());
        String exe = known.exe();
        if (!isAbsolute(exe) && sameImage && now.exe() != null && namedBy(now.exe(), now.name())) {
            exe = now.exe();
        }
        String ns = mntNs != 0 ? proc.mountNamespace(mntNs) : null;
        return new ProcessInfo(known.pid(), known.hasStartTime() ? known.startTime() : now.startTime(),
                known.ppid() != RawEvent.NO_PID ? known.ppid() : now.ppid(),
                known.name() != null ? known.name() : now.name(), exe,
                known.cmd() != null ? known.cmd() : sameImage ? now.cmd() : null,
                ns != null ? ns : now.ns(), now.containerId(), now.containerName(), now.podUid());
    }

    private static boolean isAbsolute(String path) {
        return path != null && path.startsWith("/");
    }

    /** Whether a file path could be what gave a task its comm (the first 15 bytes of the file's name). */
    static boolean namedBy(String exePath, String comm) {
        if (comm == null) {
            return false;
        }
        String file = exePath.substring(exePath.lastIndexOf('/') + 1);
        return file.startsWith(comm);
    }

    /** A process already gone: what the record said, its namespace and its container from the kernel's ids. */
    ProcessInfo fromKernel(ProcessInfo known, long mntNs, long cgroupId) {
        Optional<Container> c = cgroups.path(cgroupId).flatMap(CgroupPaths::fromPath).map(containers::resolve);
        return new ProcessInfo(known.pid(), known.startTime(), known.ppid(), known.name(), known.exe(), known.cmd(),
                known.ns() != null ? known.ns() : proc.mountNamespace(mntNs),
                c.map(Container::id).orElse(null), c.map(Container::name).orElse(null), c.map(Container::podUid).orElse(null));
    }

    public long toWall(long bootNs) {
        return clock.toWall(bootNs);
    }

    public long nowWall() {
        return clock.toWall(clock.nowBoot());
    }

    /** This machine's hostname, as a live run records it. */
    public static String hostname() {
        try {
            String fromKernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (io.syswire.store.HostName.isValid(fromKernel)) {
                return fromKernel;
            }
        } catch (IOException e) {
            // fall back to the resolver's idea of it
        }
        try {
            String n = InetAddress.getLocalHost().getHostName();
            return io.syswire.store.HostName.isValid(n) ? n : "localhost";
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** "host 6.18.44" for a run's description. */
    public static String host() {
        String name = hostname();
        try {
            return name + ", kernel " + Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return name;
        }
    }
}
