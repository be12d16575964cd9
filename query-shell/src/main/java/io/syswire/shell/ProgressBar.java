package io.syswire.shell;

import org.jline.terminal.Terminal;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * A one-line bar for a long replay, redrawn in place: told how many events are done. Work
 * that finishes before its first report never shows one; the line is cleared at the end.
 */
final class ProgressBar implements LongConsumer {
    private final Terminal terminal;
    private final String label;
    private final long total;
    private boolean shown;

    ProgressBar(Terminal terminal, String label, long total) {
        this.terminal = terminal;
        this.label = label;
        this.total = total;
    }

    @Override
    public void accept(long done) {
        PrintWriter w = terminal.writer();
        if (done >= total) {
            if (shown) {
                w.print("\r" + " ".repeat(Math.max(0, terminal.getWidth() - 1)) + "\r");
                w.flush();
            }
            return;
        }
        shown = true;
        w.print("\r" + line(label, done, total, terminal.getWidth() <= 0 ? 80 : terminal.getWidth()));
        w.flush();
    }

    /** {@code label [#######.......]  45%  1,234,567 of 2,700,000 events}, no wider than the terminal. */
    static String line(String label, long done, long total, int width) {
        int percent = (int) Math.min(100, done * 100 / Math.max(1, total));
        String counts = String.format(Locale.ROOT, " %3d%%  %,d of %,d events", percent, done, total);
        int barWidth = Math.max(10, Math.min(40, width - label.length() - counts.length() - 4));
        int filled = (int) ((long) barWidth * percent / 100);
        String line = label + " [" + "#".repeat(filled) + ".".repeat(barWidth - filled) + "]" + counts;
        return line.length() < width ? line : line.substring(0, Math.max(0, width - 1));
    }
}
