package io.syswire.store;

/**
 * Text from a file or a user, made safe to print in a one-line message: control characters
 * (newline, ESC, ...), bidi overrides and lone surrogates escaped as \\uXXXX, long text cut with "…".
 * Everything syswire echoes back goes through here, so a value can neither split the message
 * nor send escape sequences to the terminal.
 */
public final class Printable {
    private static final int MAX = 80;

    private Printable() {
    }

    public static String quote(String s) {
        return quote(s, MAX);
    }

    /** As {@link #quote(String)}, cut after {@code max} characters (a path may be long). */
    public static String quote(String s, int max) {
        if (s == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069) || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return i < s.length() ? b + "…" : b.toString();
    }
}
