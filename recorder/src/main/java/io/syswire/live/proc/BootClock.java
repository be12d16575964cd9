package io.syswire.live.proc;

/**
 * Turns CLOCK_BOOTTIME nanoseconds (what the kernel stamps BPF records and task start times
 * with) into nanoseconds since the Unix epoch, with an offset measured once.
 *
 * <p>Precision: the offset is taken from a realtime/boottime/realtime read triple, keeping the
 * triple whose realtime reads are closest together; the true offset lies within
 * {@link #uncertaintyNs()} of the one kept (half that gap, typically well under a microsecond
 * through the vDSO). The two clocks run at the same rate (NTP slews both alike, and both count
 * through suspend), so the offset stays right until someone steps the wall clock
 * (settimeofday, a leap second); calibrating again picks such a step up. A recording should
 * still convert with one instance throughout: process identity is (pid, start time), and a
 * start time converted with two offsets would look like two processes.
 */
public final class BootClock {
    private static final int TRIES = 16;

    private final KernelClocks clocks;
    private final long offsetNs;
    private final long uncertaintyNs;

    private BootClock(KernelClocks clocks, long offsetNs, long uncertaintyNs) {
        this.clocks = clocks;
        this.offsetNs = offsetNs;
        this.uncertaintyNs = uncertaintyNs;
    }

    /** Calibrates against this machine's clocks. */
    public static BootClock calibrate() {
        return calibrate(KernelClocks.libc());
    }

    public static BootClock calibrate(KernelClocks clocks) {
        long bestGap = Long.MAX_VALUE;
        long bestOffset = 0;
        for (int i = 0; i < TRIES; i++) {
            long before = clocks.realNs();
            long boot = clocks.bootNs();
            long after = clocks.realNs();
            long gap = after - before;
            // a negative gap is a wall clock stepped back mid-read: the triple means nothing
            if (gap >= 0 && gap < bestGap) {
                bestGap = gap;
                bestOffset = before + gap / 2 - boot;
            }
        }
        if (bestGap == Long.MAX_VALUE) {
            throw new IllegalStateException("the wall clock went backwards on every calibration read");
        }
        return new BootClock(clocks, bestOffset, (bestGap + 1) / 2);
    }

    /** Nanoseconds since the epoch at the moment the boot clock read {@code bootNs}. */
    public long toWall(long bootNs) {
        return bootNs + offsetNs;
    }

    /** The boot clock now. */
    public long nowBoot() {
        return clocks.bootNs();
    }

    /** Wall time minus boot time, as measured. */
    public long offsetNs() {
        return offsetNs;
    }

    /** How far the measured offset may be from the true one, in nanoseconds. */
    public long uncertaintyNs() {
        return uncertaintyNs;
    }

    @Override
    public String toString() {
        return "BootClock[offset=" + offsetNs + "ns ±" + uncertaintyNs + "ns]";
    }
}
