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
     * What /proc adds to a record's view of a process: exe, namespace, container, and the
     * command line unless the record brought it (exec records do). The record's own start
     * time (nanosecond-precise) and ppid (as of the event) are kept; when the process is
     * already gone, the record's view stands.
     */
    public ProcessLookup processLookup() {
        return (known, mntNs, cgroupId) -> {
            long bootStart = known.hasStartTime() ? known.startTime() - clock.offsetNs() : RawEvent.NO_TIME;
            return proc.read(known.pid(), bootStart)
                    .map(p -> new ProcessInfo(known.pid(), known.hasStartTime() ? known.startTime() : p.startTime(),
                            known.ppid() != RawEvent.NO_PID ? known.ppid() : p.ppid(), p.name() != null ? p.name() : known.name(),
                            p.exe() != null ? p.exe() : known.exe(), known.cmd() != null ? known.cmd() : p.cmd(),
                            p.ns() != null ? p.ns() : proc.mountNamespace(mntNs),
                            p.containerId(), p.containerName(),
                            p.podUid()))
                    .orElseGet(() -> fromKernel(known, mntNs, cgroupId));
        };
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

    /** "host 6.18.44" for a run's description. */
    public static String host() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            name = "localhost";
        }
        try {
            return name + ", kernel " + Files.readString(Path.of("/proc/sys/kernel/osrelease")).strip();
        } catch (IOException e) {
            return name;
        }
    }
}
