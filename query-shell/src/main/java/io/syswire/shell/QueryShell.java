package io.syswire.shell;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import io.syswire.store.CaseFile;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** The query shell's two ways in, for {@code syswire shell}: a person at a terminal, or a script. */
public final class QueryShell {
    private QueryShell() {
    }

    /** A session on this process's terminal, with history in {@code history} (null: none). */
    public static int interactive(CaseFile caseFile, boolean upgrade, Path history) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).name("syswire").build()) {
            return interactive(terminal, caseFile, upgrade, history);
        }
    }

    static int interactive(Terminal terminal, CaseFile caseFile, boolean upgrade, Path history) throws IOException {
        String noColor = System.getenv("NO_COLOR"); // https://no-color.org: set and not empty
        boolean colours = !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())
                && (noColor == null || noColor.isEmpty());
        try (Console console = Console.of(terminal, colours);
             CaseSession session = CaseSession.open(caseFile, upgrade, ask(terminal))) {
            ShellContext context = new ShellContext(session, console, new ShellSettings());
            Catalog catalog = catalog(session);
            new InteractiveLoop(terminal, new Shell(context, catalog), catalog, history, colours).run();
        }
        return 0;
    }

    /**
     * Runs the inputs in order, then stops.
     * @return 0 when every statement succeeded, 1 when one failed
     */
    public static int script(CaseFile caseFile, boolean upgrade, List<ScriptInput> inputs, boolean bail, Reader stdin,
                             PrintWriter out, PrintWriter err) throws IOException {
        try (Console console = Console.of(out, err);
             CaseSession session = CaseSession.open(caseFile, upgrade, question -> false)) {
            ShellContext context = new ShellContext(session, console, new ShellSettings());
            Shell shell = new Shell(context, catalog(session));
            return new ScriptLoop(shell, bail).run(inputs, stdin) ? 0 : 1;
        }
    }

    /** Standard input, for a script piped into the shell. */
    public static Reader stdin() {
        return ScriptLoop.stdin();
    }

    /** {@code ~/.syswire_history}, home being $HOME (so a test or a sandbox can move it). */
    public static Path defaultHistory() {
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".syswire_history");
    }

    private static Catalog catalog(CaseSession session) {
        try {
            return Catalog.load(session.store().connection());
        } catch (SQLException e) {
            throw new io.syswire.BadInputException(session.file() + ": cannot read its tables: " + ShellErrors.message(e));
        }
    }

    /** The consent to upgrade an older case, asked at the terminal; anything but yes is no. */
    private static Predicate<String> ask(Terminal terminal) {
        return question -> {
            try {
                String answer = LineReaderBuilder.builder().terminal(terminal).build().readLine(question + " [y/N] ");
                return answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
            } catch (UserInterruptException | EndOfFileException e) {
                return false;
            }
        };
    }
}
