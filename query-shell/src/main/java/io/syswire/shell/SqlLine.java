package io.syswire.shell;

import org.jline.reader.CompletingParsedLine;

import java.util.List;

/**
 * The line as the completer sees it: the whole buffer, the cursor, and the word being
 * completed. Candidates are inserted as they are (SQL has no backslash escapes).
 */
record SqlLine(String line, int cursor, List<String> words, int wordIndex, int wordCursor) implements CompletingParsedLine {
    @Override
    public String word() {
        return words.get(wordIndex);
    }

    @Override
    public CharSequence escape(CharSequence candidate, boolean complete) {
        return candidate;
    }

    @Override
    public int rawWordCursor() {
        return wordCursor;
    }

    @Override
    public int rawWordLength() {
        return word().length();
    }
}
