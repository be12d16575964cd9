package io.syswire.time;

import io.syswire.BadInputException;
import io.syswire.store.Printable;

import java.time.Instant;

/**
 * RFC 3339 timestamps to and from nanoseconds since the epoch. Formatting gives UTC with
 * 0, 3, 6 or 9 fraction digits (like {@link Instant#toString()}); both directions have a
 * fast path because raw logs hold millions of them.
 */
public final class Rfc3339 {
    private Rfc3339() {
    }

    public static String format(long epochNanos) {
        long secs = Math.floorDiv(epochNanos, 1_000_000_000L);
        int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
        long days = Math.floorDiv(secs, 86_400L);
        int secOfDay = (int) Math.floorMod(secs, 86_400L);
        // civil_from_days (H. Hinnant)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        if (m <= 2) {
            y++;
        }
        if (y < 0 || y > 9999) {
            return Instant.ofEpochSecond(secs, nanos).toString();
        }
        char[] b = new char[30];
        int p = 0;
        p = digits(b, p, (int) y, 4);
        b[p++] = '-';
        p = digits(b, p, m, 2);
        b[p++] = '-';
        p = digits(b, p, d, 2);
        b[p++] = 'T';
        p = digits(b, p, secOfDay / 3600, 2);
        b[p++] = ':';
        p = digits(b, p, secOfDay / 60 % 60, 2);
        b[p++] = ':';
        p = digits(b, p, secOfDay % 60, 2);
        if (nanos != 0) {
            b[p++] = '.';
            if (nanos % 1_000_000 == 0) {
                p = digits(b, p, nanos / 1_000_000, 3);
            } else if (nanos % 1000 == 0) {
                p = digits(b, p, nanos / 1000, 6);
            } else {
                p = digits(b, p, nanos, 9);
            }
        }
        b[p++] = 'Z';
        return new String(b, 0, p);
    }

    private static int digits(char[] b, int p, int v, int width) {
        for (int i = width - 1; i >= 0; i--) {
            b[p + i] = (char) ('0' + v % 10);
            v /= 10;
        }
        return p + width;
    }

    /** The earliest and latest instants nanoseconds since the epoch in a long hold (MIN_VALUE means "no time"). */
    public static final String EARLIEST = "1677-09-21T00:12:43.145224194Z";
    public static final String LATEST = "2262-04-11T23:47:16.854775807Z";

    /**
     * Parses an RFC 3339 date-time, strictly: {@code YYYY-MM-DDTHH:MM:SS[.F](Z|±HH:MM)} with ASCII
     * digits, one to nine fraction digits when there is a dot (more are cut to nanoseconds), T
     * or t or a space between date and time, Z or z. A bad one, or one outside what nanosecond
     * timestamps hold, is a {@link BadInputException} naming {@code what}.
     */
    public static long parse(String s, String what) {
        long v = parseOrMin(s);
        if (v == Long.MIN_VALUE) {
            throw new BadInputException(what + " '" + Printable.quote(s) + "' is not an RFC 3339 timestamp");
        }
        if (v == OUT_OF_RANGE) {
            throw new BadInputException(what + " '" + Printable.quote(s) + "' is outside the nanosecond timestamps syswire holds ("
                    + EARLIEST + " to " + LATEST + ")");
        }
        return v;
    }

    private static final long OUT_OF_RANGE = Long.MIN_VALUE + 1;

    /** The time, Long.MIN_VALUE when the text is no RFC 3339 timestamp, OUT_OF_RANGE when no long holds it. */
    private static long parseOrMin(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        char sep = s.charAt(10);
        if (sep != 'T' && sep != 't' && sep != ' ') {
            return Long.MIN_VALUE;
        }
        int year = num(s, 0, 4);
        int month = num(s, 5, 2);
        int day = num(s, 8, 2);
        int hour = num(s, 11, 2);
        int min = num(s, 14, 2);
        int sec = num(s, 17, 2);
        if ((year | month | day | hour | min | sec) < 0 || month < 1 || month > 12 || day < 1
                || day > daysIn(year, month) || hour > 23 || min > 59 || sec > 59) {
            return Long.MIN_VALUE;
        }
        int p = 19;
        long nanos = 0;
        if (p < n && s.charAt(p) == '.') {
            p++;
            int digits = 0;
            int all = 0;
            while (p < n && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
                if (digits < 9) {
                    nanos = nanos * 10 + (s.charAt(p) - '0');
                    digits++;
                }
                all++;
                p++;
            }
            if (all == 0) {
                return Long.MIN_VALUE; // "10:00:00.Z": a dot needs digits
            }
            for (; digits < 9; digits++) {
                nanos *= 10;
            }
        }
        long offsetSecs;
        if (p == n - 1 && (s.charAt(p) == 'Z' || s.charAt(p) == 'z')) {
            offsetSecs = 0;
        } else if (p == n - 6 && (s.charAt(p) == '+' || s.charAt(p) == '-') && s.charAt(p + 3) == ':') {
            int oh = num(s, p + 1, 2);
            int om = num(s, p + 4, 2);
            if (oh < 0 || om < 0 || oh > 23 || om > 59) {
                return Long.MIN_VALUE;
            }
            offsetSecs = (oh * 3600L + om * 60L) * (s.charAt(p) == '+' ? 1 : -1);
        } else {
            return Long.MIN_VALUE;
        }
        long days = daysFromCivil(year, month, day);
        long secs = days * 86_400L + hour * 3600L + min * 60L + sec - offsetSecs;
        try {
            long v = Math.addExact(Math.multiplyExact(secs, 1_000_000_000L), nanos);
            return v == Long.MIN_VALUE || v == OUT_OF_RANGE ? OUT_OF_RANGE : v;
        } catch (ArithmeticException e) {
            return OUT_OF_RANGE;
        }
    }

    private static int num(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static long daysFromCivil(long y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }
}
