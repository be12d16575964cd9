package io.syswire.shell;

import io.syswire.Version;
import io.syswire.store.RunInfo;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The shell with a person at it: a JLine line editor with SQL completion and highlighting,
 * statements over several lines until their {@code ;}, and a history kept in a file and
 * searchable with Ctrl-R. Ctrl-C cancels a running query or clears the line; Ctrl-D leaves.
 */
final class InteractiveLoop {
    static final String PROMPT = "syswire> ";
    static final String CONTINUATION = "     ...> ";

    private final Terminal terminal;
    private final Shell shell;
    private final LineReader reader;

    /** @param history the history file (~/.syswire_history), or null for none */
    InteractiveLoop(Terminal terminal, Shell shell, Catalog catalog, Path history, boolean colours) {
        this.terminal = terminal;
        this.shell = shell;
        ShellContext context = shell.context();
        LineReaderBuilder b = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("syswire")
                .parser(new SqlParser())
                .completer(new ShellCompleter(new SqlCompleter(catalog),
                        new DotCompleter(shell.commands(), context::store, catalog)))
                .history(new DefaultHistory())
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION)
                .variable(LineReader.HISTORY_FILE_SIZE, 10_000)
                .variable(LineReader.HISTORY_SIZE, 10_000)
                // Up after a restart brings back the last statement, not the .quit that ended the session.
                .variable(LineReader.HISTORY_IGNORE, ".quit:.exit")
                .option(LineReader.Option.CASE_INSENSITIVE, true)
                // Tab puts in the best candidate at once and cycles through the others (as DuckDB's shell does).
                .option(LineReader.Option.MENU_COMPLETE, true)
                // SQL uses ! (<>, !=): it must never expand to a history event.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                .option(LineReader.Option.AUTO_FRESH_LINE, true);
        if (history != null) {
            privateFile(history);
            b.variable(LineReader.HISTORY_FILE, history);
        }
        if (colours) {
            b.highlighter(new SqlHighlighter());
        }
        this.reader = b.build();
        // JLine binds ) ] } to widgets that blink the matching bracket; Ctrl-R search then stops
        // at the first ) typed (count(*) could not be searched for). Plain characters they are.
        for (String keymap : new String[] {LineReader.EMACS, LineReader.VIINS}) {
            for (String bracket : new String[] {")", "]", "}"}) {
                reader.getKeyMaps().get(keymap).bind(new Reference(LineReader.SELF_INSERT), bracket);
            }
        }
    }

    /** Histories hold what the analyst looked for: readable by them alone, like the case. */
    private static void privateFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // JLine creates it then, with the default mode
        }
    }

    void run() {
        banner();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> shell.cancel());
        try {
            while (!shell.quitting()) {
                String input;
                try {
                    input = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt: the line is dropped, the shell stays
                } catch (EndOfFileException e) {
                    break;
                }
                for (Statements.Piece p : Statements.all(input)) {
                    shell.run(p, null);
                    if (shell.quitting()) {
                        break;
                    }
                }
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                shell.context().console().error("history not saved: " + e.getMessage());
            }
        }
    }

    private void banner() {
        ShellContext c = shell.context();
        Console console = c.console();
        List<RunInfo> runs = c.store().runs();
        console.note("syswire " + Version.current() + " shell: " + c.session().file() + ", open read-only");
        StringBuilder b = new StringBuilder(runs.size() == 1 ? "1 run: " : runs.size() + " runs: ");
        int from = Math.max(0, runs.size() - 4);
        if (from > 0) {
            b.append("... ");
        }
        for (int i = from; i < runs.size(); i++) {
            RunInfo r = runs.get(i);
            b.append(i > from ? "; " : "").append(r.runId()).append(' ').append(r.kind().label())
                    .append(r.parentRunId() != null ? " of " + r.parentRunId() : "")
                    .append(" (").append(r.rawEvents()).append(" events, ").append(r.traces()).append(" traces)");
        }
        console.note(runs.isEmpty() ? "no runs yet" : b + (from > 0 ? " (.runs lists all)" : ""));
        console.note(console.dim("End SQL with ;  .help  .tables  Tab completes  Ctrl-R searches history  .quit"));
    }
}
