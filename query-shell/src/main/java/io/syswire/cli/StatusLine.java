package io.syswire.cli;

import io.syswire.live.LiveSource;
import io.syswire.machine.MachineStats;

import java.io.PrintWriter;
import java.util.Locale;

/** The live status line on stderr, redrawn in place; nothing at all when stderr is not a terminal. */
final class StatusLine {
    private final PrintWriter err;
    private final boolean enabled;
    private long lastEvents;
    private long lastNanos;
    private int width;

    StatusLine(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    void update(LiveSource.Progress p, MachineStats m) {
        if (!enabled) {
            return;
        }
        double secs = (p.elapsedNanos() - lastNanos) / 1e9;
        double rate = secs > 0 ? (p.events() - lastEvents) / secs : 0;
        lastEvents = p.events();
        lastNanos = p.elapsedNanos();
        long s = p.elapsedNanos() / 1_000_000_000L;
        String line = String.format(Locale.ROOT, "recording %d:%02d:%02d  events %,d (%,.0f/s)  traces %,d  transitions %,d  lost %,d",
                s / 3600, s / 60 % 60, s % 60, p.events(), rate, m.traces(), m.transitions(), p.lost());
        err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
        err.flush();
        width = line.length();
    }

    void clear() {
        if (enabled && width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }

    /**
     * {@code out} for lines printed while the status line shows (trace JSON on stdout): each
     * line first takes the status line away, so on a terminal the two never run together.
     * The next update draws it again below.
     */
    PrintWriter linesAbove(PrintWriter out) {
        if (!enabled) {
            return out;
        }
        return new PrintWriter(out, true) {
            @Override
            public void println(String line) {
                clear();
                super.println(line);
            }
        };
    }
}
