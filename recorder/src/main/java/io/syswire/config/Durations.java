package io.syswire.config;

import io.syswire.BadInputException;
import io.syswire.store.Printable;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Pattern;

/** Durations as users write them: {@code 30} (seconds), {@code 30s}, {@code 1.5s}, {@code 500ms}, {@code 2m}, {@code 1h}. */
public final class Durations {
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,30}(\\.[0-9]{1,30})?");

    private Durations() {
    }

    public static Duration parse(String what, String text) {
        String t = text.trim();
        String number = t;
        long unitNanos = 1_000_000_000L;
        if (t.endsWith("ms")) {
            number = t.substring(0, t.length() - 2);
            unitNanos = 1_000_000L;
        } else if (t.endsWith("s")) {
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            number = t.substring(0, t.length() - 1);
            unitNanos = 60_000_000_000L;
        } else if (t.endsWith("h")) {
            number = t.substring(0, t.length() - 1);
            unitNanos = 3_600_000_000_000L;
        }
        String n = number.trim();
        if (n.startsWith("-") && DECIMAL.matcher(n.substring(1)).matches()) {
            throw new BadInputException(what + " '" + Printable.quote(t) + "' is negative");
        }
        // ASCII digits with an optional fraction: no +, no exponent, no other scripts' digits
        if (!DECIMAL.matcher(n).matches()) {
            throw new BadInputException(what + " '" + Printable.quote(t) + "' is not a duration (e.g. 30, 30s, 500ms, 2m)");
        }
        try {
            return Duration.ofNanos(new BigDecimal(n).multiply(BigDecimal.valueOf(unitNanos)).longValueExact());
        } catch (ArithmeticException e) {
            throw new BadInputException(what + " '" + Printable.quote(t) + "' is not a duration in nanoseconds that syswire can hold"
                    + " (at most 292 years, at least 1 ns steps)");
        }
    }

    /** The shortest exact spelling: 30 for 30 s, 500ms, 1.5. */
    public static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 1_000_000_000L == 0) {
            return Long.toString(nanos / 1_000_000_000L);
        }
        if (nanos % 1_000_000L == 0 && nanos < 1_000_000_000L) {
            return (nanos / 1_000_000L) + "ms";
        }
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }
}
