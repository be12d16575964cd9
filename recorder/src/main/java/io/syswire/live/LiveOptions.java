package io.syswire.live;

import io.syswire.config.Config;
import io.syswire.kernel.SyscallSet;

import java.time.Duration;

/**
 * How a live recording captures, besides the state machine's configuration.
 *
 * @param capture       syscalls whose tracepoints are attached (at least tripwires and context)
 * @param ungated       forward every capture-set syscall of every process, not only after an elevated tripwire
 * @param budgetEvents  after an elevated tripwire, how many of the process's capture-set syscalls the kernel forwards
 * @param budgetTime    ... and for how long: far beyond maxtrace and maxage, so replays may ask for more
 * @param ringBytes     the kernel ring buffer's size (a power of two)
 * @param duration      stop by itself after this long; null to record until stopped
 */
public record LiveOptions(Config config, SyscallSet capture, boolean ungated, int budgetEvents, Duration budgetTime,
                          int ringBytes, Duration duration) {

    public static final int DEFAULT_RING_BYTES = 64 << 20;

    public static int defaultBudgetEvents(Config c) {
        return (int) Math.min(1_000_000, Math.max(1000, 100L * c.maxTrace()));
    }

    public static Duration defaultBudgetTime(Config c) {
        Duration twice = c.maxAge().plus(c.evictRate()).multipliedBy(2);
        return twice.compareTo(Duration.ofSeconds(60)) > 0 ? twice : Duration.ofSeconds(60);
    }

    /** Idle ticks keep sweeps on time: at least once per evictrate, at most once a second. */
    public Duration tickInterval() {
        Duration e = config.evictRate();
        return e.compareTo(Duration.ofSeconds(1)) < 0 ? e : Duration.ofSeconds(1);
    }
}
