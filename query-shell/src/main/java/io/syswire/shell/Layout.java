package io.syswire.shell;

/**
 * What the human-readable formats need to know about where they print: the width to fit
 * (0: no limit, as in a file), how to show NULL, and whether the output takes Unicode
 * (for the ellipsis that marks a cut value).
 */
record Layout(int width, String nullText, boolean unicode) {
    String ellipsis() {
        return unicode ? "…" : "~";
    }
}
