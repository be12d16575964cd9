package io.syswire.shell;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

import java.util.ArrayList;
import java.util.List;

/**
 * JLine's view of the input. Enter on an unfinished SQL statement (no {@code ;} yet, or an
 * open quote or comment) continues it on the next line; a dot-command ends with its line.
 * For completion, the word at the cursor is an SQL name ({@code t.pid}) or, on a dot-command
 * line, a blank-separated word.
 */
final class SqlParser implements Parser {
    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && !Statements.split(line).finished()) {
            throw new EOFError(-1, -1, "statement continues until ;", ";");
        }
        String before = line.substring(0, cursor);
        Statements.Split split = Statements.split(before);
        int statementStart = split.finished() ? cursor : split.restStart();
        if (dotLine(line, cursor)) {
            return dotWords(line, cursor);
        }
        int start = cursor;
        while (start > statementStart && isNamePart(line.charAt(start - 1))) {
            start--;
        }
        int end = cursor;
        while (end < line.length() && isNamePart(line.charAt(end))) {
            end++;
        }
        return new SqlLine(line, cursor, List.of(line.substring(start, end)), 0, cursor - start);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    private static boolean isNamePart(char c) {
        return SqlLexer.isWordPart(c) || c == '.' || c == '"';
    }

    /** Whether the cursor is on a line that starts a dot-command (after any finished statements). */
    static boolean dotLine(String line, int cursor) {
        int lineStart = line.lastIndexOf('\n', cursor - 1) + 1;
        Statements.Split before = Statements.split(line.substring(0, lineStart));
        return before.finished() && line.substring(lineStart).stripLeading().startsWith(".");
    }

    /** Blank-separated words of the dot-command line, quotes kept together. */
    private static SqlLine dotWords(String line, int cursor) {
        int lineStart = line.lastIndexOf('\n', cursor - 1) + 1;
        int lineEnd = line.indexOf('\n', cursor);
        String text = line.substring(lineStart, lineEnd < 0 ? line.length() : lineEnd);
        int at = cursor - lineStart;
        List<String> words = new ArrayList<>();
        int wordIndex = -1;
        int wordCursor = 0;
        int i = 0;
        while (i <= text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            char quote = 0;
            while (i < text.length() && (quote != 0 || !Character.isWhitespace(text.charAt(i)))) {
                char c = text.charAt(i);
                if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0;
                }
                i++;
            }
            if (wordIndex < 0 && at >= start && at <= i) {
                wordIndex = words.size();
                wordCursor = at - start;
            }
            if (i > start || wordIndex == words.size()) {
                words.add(text.substring(start, i));
            }
            if (i >= text.length()) {
                break;
            }
        }
        if (wordIndex < 0) {
            wordIndex = words.size();
            words.add("");
        }
        return new SqlLine(line, cursor, words, wordIndex, wordCursor);
    }
}
