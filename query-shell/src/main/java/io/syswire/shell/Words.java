package io.syswire.shell;

import java.util.ArrayList;
import java.util.List;

/** A dot-command line as arguments: split on blanks, with '…' or "…" keeping blanks inside one argument. */
final class Words {
    private Words() {
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    out.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            out.add(word.toString());
        }
        return out;
    }

    /** A path as typed: {@code ~/x} is in the home directory, as the completer offers it. */
    static java.nio.file.Path path(String typed) {
        if (typed.equals("~") || typed.startsWith("~/")) {
            return java.nio.file.Path.of(System.getProperty("user.home") + typed.substring(1));
        }
        return java.nio.file.Path.of(typed);
    }
}
