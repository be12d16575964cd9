package io.syswire.config;

import io.syswire.BadInputException;
import io.syswire.store.Printable;

/**
 * Whole numbers as users write them: ASCII digits only. Java's own parsers also take a
 * leading + and digits of any script ("２０００", "٣"), which in a forensic tool's
 * configuration are more likely a trick than a typo, so they are refused.
 */
public final class Numbers {
    private Numbers() {
    }

    /** Whether the text is one or more of 0-9 and nothing else. */
    public static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Parses ASCII digits into a number from {@code min} to {@code max}; otherwise a one-line error naming {@code what}. */
    public static long whole(String what, String text, long min, long max) {
        String t = text.trim();
        boolean negative = t.startsWith("-") && min < 0;
        String digits = negative ? t.substring(1) : t;
        if (isDigits(digits) && digits.length() <= 19) {
            try {
                long v = Long.parseLong(digits);
                v = negative ? -v : v;
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // longer than a long: out of range below
            }
        }
        throw new BadInputException(what + " '" + Printable.quote(t) + "' is not a whole number from " + min + " to " + max);
    }
}
