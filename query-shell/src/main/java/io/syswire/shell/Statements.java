package io.syswire.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Where statements begin and end in what the user typed: SQL runs until a {@code ;} outside
 * quotes and comments, a dot-command is the rest of its line. Shared by the line editor
 * (which keeps reading until the input is complete), scripts and {@code -e}.
 */
final class Statements {
    /** One statement: its text without the closing {@code ;}, where it starts, and whether it is a dot-command. */
    record Piece(String text, int start, boolean dot) {
    }

    /** The complete statements of a text, and what follows them: an unfinished statement, or "". */
    record Split(List<Piece> complete, String rest, int restStart) {
        boolean finished() {
            return rest.isEmpty();
        }
    }

    private Statements() {
    }

    static Split split(String text) {
        List<Piece> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return new Split(out, "", n);
            }
            if (text.charAt(i) == '.') {
                int nl = text.indexOf('\n', i);
                int end = nl < 0 ? n : nl;
                String line = stripSemicolons(text.substring(i, end).strip());
                out.add(new Piece(line, i, true));
                i = end;
                continue;
            }
            int end = sqlEnd(text, i);
            if (end < 0) {
                String rest = text.substring(i);
                return onlyComments(rest) ? new Split(out, "", n) : new Split(out, rest, i);
            }
            String sql = text.substring(i, end).strip();
            if (!onlyComments(sql)) {
                out.add(new Piece(sql, i, false));
            }
            i = end + 1;
        }
    }

    /** Every statement of a text that is complete by definition (an {@code -e} argument): the last may lack its ;. */
    static List<Piece> all(String text) {
        Split s = split(text);
        List<Piece> out = new ArrayList<>(s.complete());
        if (!s.finished()) {
            out.add(new Piece(s.rest().strip(), s.restStart(), false));
        }
        return out;
    }

    /** The index of the ; that ends the SQL statement starting at {@code from}, or -1. */
    private static int sqlEnd(String text, int from) {
        String tail = text.substring(from);
        for (SqlLexer.Token t : SqlLexer.tokens(tail)) {
            if (t.kind() == SqlLexer.Kind.SEMICOLON) {
                return from + t.start();
            }
        }
        return -1;
    }

    static boolean onlyComments(String sql) {
        for (SqlLexer.Token t : SqlLexer.tokens(sql)) {
            if (t.kind() != SqlLexer.Kind.SPACE && !(t.kind() == SqlLexer.Kind.COMMENT && t.closed())) {
                return false;
            }
        }
        return true;
    }

    /** {@code .tables;} works too: SQL habits die hard. */
    private static String stripSemicolons(String line) {
        String s = line;
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s;
    }
}
