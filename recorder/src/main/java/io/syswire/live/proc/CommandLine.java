package io.syswire.live.proc;

import java.nio.charset.StandardCharsets;

/** The command line of a process as /proc/PID/cmdline holds it: arguments, each NUL-terminated. */
public final class CommandLine {
    private CommandLine() {
    }

    /**
     * The arguments joined with single spaces, or null when there are none (kernel threads,
     * zombies). Bytes are decoded as UTF-8, bad sequences replaced: arguments are bytes, not text.
     */
    public static String join(byte[] raw) {
        return join(raw, raw.length);
    }

    /** The same, of the first {@code length} bytes (a buffer filled only in part, as BPF records are). */
    public static String join(byte[] raw, int length) {
        int end = length;
        // the last argument's terminator, and the padding a process that rewrote its argv may leave
        while (end > 0 && raw[end - 1] == 0) {
            end--;
        }
        if (end == 0) {
            return null;
        }
        byte[] b = new byte[end];
        for (int i = 0; i < end; i++) {
            b[i] = raw[i] == 0 ? (byte) ' ' : raw[i];
        }
        return new String(b, StandardCharsets.UTF_8);
    }
}
