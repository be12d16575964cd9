package io.syswire.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into tokens, just well enough to know where statements end, which word
 * the cursor is in and what to colour: the splitter, the completer and the highlighter
 * share it so that they agree about quotes and comments.
 */
final class SqlLexer {
    enum Kind { WORD, NUMBER, STRING, QUOTED, COMMENT, SEMICOLON, SPACE, OTHER }

    /** A token: its kind and place; {@code closed} is false for a string or comment still open at the end. */
    record Token(Kind kind, int start, int end, boolean closed) {
        String text(String source) {
            return source.substring(start, end);
        }
    }

    private SqlLexer() {
    }

    static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.SPACE, start, i, true));
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? n : nl;
                out.add(new Token(Kind.COMMENT, start, i, true));
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int close = s.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
                out.add(new Token(Kind.COMMENT, start, i, close >= 0));
            } else if (c == '\'' || c == '"') {
                i = quoted(s, i, c);
                out.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, start, Math.abs(i), i > 0));
                i = Math.abs(i);
            } else if (c == '$' && i + 1 < n && s.charAt(i + 1) == '$') {
                int close = s.indexOf("$$", i + 2);
                i = close < 0 ? n : close + 2;
                out.add(new Token(Kind.STRING, start, i, close >= 0));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && isWordPart(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.WORD, start, i, true));
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, start, i, true));
            } else {
                i++;
                out.add(new Token(c == ';' ? Kind.SEMICOLON : Kind.OTHER, start, i, true));
            }
        }
        return out;
    }

    static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    /** The end of a quoted run ('' or "" inside it is the quote itself): positive when closed, negative when open. */
    private static int quoted(String s, int from, char quote) {
        int i = from + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return -s.length();
    }
}
