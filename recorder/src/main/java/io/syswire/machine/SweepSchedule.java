package io.syswire.machine;

/**
 * When age sweeps are due: at t0 + k·evictrate (k ≥ 1) in event time, t0 being the first
 * record's time. Before a record with time t is applied, every sweep due at or before t runs.
 */
final class SweepSchedule {
    private final long t0;
    private final long every;
    private long next;

    SweepSchedule(long t0, long every) {
        this.t0 = t0;
        this.every = every;
        this.next = t0 + every;
    }

    /** The time of the next sweep due at or before {@code clock}, or Long.MIN_VALUE when none is. */
    long nextDue(long clock) {
        if (next > clock) {
            return Long.MIN_VALUE;
        }
        long due = next;
        next += every;
        return due;
    }

    /** When the next sweep is due. */
    long peek() {
        return next;
    }

    /** Skips the sweeps due at or before {@code clock}: used when nothing is tracked, so sweeping would be a no-op. */
    void skipTo(long clock) {
        if (next <= clock) {
            long k = (clock - t0) / every;
            next = t0 + (k + 1) * every;
        }
    }
}
