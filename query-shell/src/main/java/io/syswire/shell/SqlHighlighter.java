package io.syswire.shell;

import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Colours the input as it is typed: SQL keywords bold blue, strings green, numbers cyan,
 * comments faint, and the command word of a dot-command bold magenta.
 */
final class SqlHighlighter implements Highlighter {
    private static final AttributedStyle KEYWORD = AttributedStyle.BOLD.foreground(AttributedStyle.BLUE);
    private static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.faint();
    private static final AttributedStyle COMMAND = AttributedStyle.BOLD.foreground(AttributedStyle.MAGENTA);

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        AttributedStringBuilder b = new AttributedStringBuilder(buffer.length());
        int i = 0;
        while (i < buffer.length()) {
            if (Character.isWhitespace(buffer.charAt(i))) {
                b.append(buffer.charAt(i++));
                continue;
            }
            Statements.Split split = Statements.split(buffer.substring(0, i));
            int lineEnd = buffer.indexOf('\n', i);
            String rest = buffer.substring(i, lineEnd < 0 ? buffer.length() : lineEnd);
            if (split.finished() && rest.startsWith(".")) {
                int word = rest.indexOf(' ');
                int end = word < 0 ? rest.length() : word;
                b.styled(COMMAND, rest.substring(0, end)).append(rest.substring(end));
                i += rest.length();
                continue;
            }
            int next = sqlUntil(buffer, i);
            for (SqlLexer.Token t : SqlLexer.tokens(buffer.substring(i, next))) {
                String text = buffer.substring(i + t.start(), i + t.end());
                b.styled(style(t, text), text);
            }
            i = next;
        }
        return b.toAttributedString();
    }

    /** The end of the SQL statement starting at {@code from}: just after its ;, or the end of the buffer. */
    private static int sqlUntil(String buffer, int from) {
        for (SqlLexer.Token t : SqlLexer.tokens(buffer.substring(from))) {
            if (t.kind() == SqlLexer.Kind.SEMICOLON) {
                return from + t.end();
            }
        }
        return buffer.length();
    }

    private static AttributedStyle style(SqlLexer.Token t, String text) {
        return switch (t.kind()) {
            case WORD -> SqlWords.isKeyword(text) ? KEYWORD : AttributedStyle.DEFAULT;
            case STRING -> STRING;
            case NUMBER -> NUMBER;
            case COMMENT -> COMMENT;
            default -> AttributedStyle.DEFAULT;
        };
    }
}
