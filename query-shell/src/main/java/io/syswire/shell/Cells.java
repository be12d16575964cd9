package io.syswire.shell;

import org.jline.utils.WCWidth;

import java.math.BigDecimal;

/**
 * Values as text for people: captured data may hold control characters (a process name
 * can carry an escape sequence), so they are shown escaped, never sent to the terminal;
 * widths are terminal columns, not chars.
 */
final class Cells {
    private Cells() {
    }

    static String text(Object value, String nullText) {
        if (value == null) {
            return nullText;
        }
        if (value instanceof BigDecimal d) {
            return escape(d.toPlainString());
        }
        return escape(value.toString());
    }

    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> invisible(c) ? String.format("\\u%04x", (int) c) : null;
            };
            if (rep != null && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (rep != null) {
                    b.append(rep);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * Controls, line separators and format characters: a bidi override (U+202E) would
     * reorder what the analyst reads. The zero-width joiner stays, it only joins emoji.
     */
    private static boolean invisible(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                || (Character.getType(c) == Character.FORMAT && c != '\u200d');
    }

    /** Terminal columns the text takes. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += Math.max(0, WCWidth.wcwidth(cp));
            i += Character.charCount(cp);
        }
        return w;
    }

    /** The text cut to {@code width} columns, ending with the marker when it was cut. */
    static String fit(String s, int width, String marker) {
        if (width(s) <= width) {
            return s;
        }
        int budget = width - width(marker);
        StringBuilder b = new StringBuilder();
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int cw = Math.max(0, WCWidth.wcwidth(cp));
            if (w + cw > budget) {
                break;
            }
            b.appendCodePoint(cp);
            w += cw;
            i += Character.charCount(cp);
        }
        return b.append(marker).toString();
    }

    static String pad(String s, int width, boolean right) {
        int gap = width - width(s);
        if (gap <= 0) {
            return s;
        }
        String spaces = " ".repeat(gap);
        return right ? spaces + s : s + spaces;
    }
}
