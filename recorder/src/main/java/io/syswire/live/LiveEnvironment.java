package io.syswire.live;

import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.live.proc.BootClock;
import io.syswire.live.proc.ProcReader;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine as the live recorder meets it: the boot clock the kernel stamps records
 * with, calibrated against the wall clock once per recording, and /proc for process metadata.
 */
public final class LiveEnvironment {
    private final BootClock clock;
    private final ProcReader proc;

    private LiveEnvironment(BootClock clock, ProcReader proc) {
        this.clock = clock;
        this.proc = proc;
    }

    public static LiveEnvironment local() {
        BootClock clock = BootClock.calibrate();
        return new LiveEnvironment(clock, ProcReader.live(clock));
    }

    /**
     * What /proc adds to a record's view of a process: exe, namespace, container, and the
     * command line unless the record brought it (exec records do). The record's own start
     * time (nanosecond-precise) and ppid (as of the event) are kept; when the process is
     * already gone, the record's view stands.
     */
    public ProcessLookup processLookup() {
        return known -> {
            long bootStart = known.hasStartTime() ? known.startTime() - clock.offsetNs() : RawEvent.NO_TIME;
            return proc.read(known.pid(), bootStart)
                    .map(p -> new ProcessInfo(known.pid(), known.hasStartTime() ? known.startTime() : p.startTime(),
                            known.ppid() != RawEvent.NO_PID ? known.ppid() : p.ppid(), p.name() != null ? p.name() : known.name(),
                            p.exe() != null ? p.exe() : known.exe(), known.cmd() != null ? known.cmd() : p.cmd(),
                            p.ns() != null ? p.ns() : known.ns(),
                            p.containerId(), p.containerName(),
                            p.podUid()))
                    .orElse(known);
        };
    }

    /** A mount namespace inode as BPF reports it, published as /proc would show it; null when unknown. */
    public String mountNamespace(long inode) {
        return proc.mountNamespace(inode);
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
