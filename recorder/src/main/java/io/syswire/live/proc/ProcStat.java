package io.syswire.live.proc;

import java.util.Optional;

/**
 * The fields syswire needs from one /proc/PID/stat line: comm (field 2), ppid (field 4)
 * and starttime (field 22, clock ticks since boot).
 */
public record ProcStat(String comm, int ppid, long startTicks) {
    private static final int PPID = 1;        // field 4, counted from field 3 (state)
    private static final int STARTTIME = 19;  // field 22

    /**
     * Parses a stat line; empty when it is not one. comm is whatever the task named itself,
     * spaces and parentheses included, so it runs from the first '(' to the last ')'.
     */
    public static Optional<ProcStat> parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            return Optional.empty();
        }
        String[] rest = line.substring(close + 1).trim().split(" ");
        if (rest.length <= STARTTIME) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcStat(line.substring(open + 1, close),
                    Integer.parseInt(rest[PPID]), Long.parseLong(rest[STARTTIME])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
