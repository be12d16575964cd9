package io.syswire.shell;

/** One input of a non-interactive shell, in command-line order: an {@code -e} statement, an {@code -f} file, or standard input. */
public record ScriptInput(Kind kind, String text) {
    public enum Kind { STATEMENTS, FILE, STDIN }

    public static ScriptInput statements(String text) {
        return new ScriptInput(Kind.STATEMENTS, text);
    }

    public static ScriptInput file(String path) {
        return new ScriptInput(Kind.FILE, path);
    }

    public static ScriptInput stdin() {
        return new ScriptInput(Kind.STDIN, "standard input");
    }
}
