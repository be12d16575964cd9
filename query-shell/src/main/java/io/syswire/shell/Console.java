package io.syswire.shell;

import io.syswire.BadInputException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/**
 * Where the shell's text goes. Results (query rows, {@code .show}, {@code .diff}) go to the
 * current {@code .output}: the terminal or standard output, or a file. Notes (help, the
 * timer, what a command did) go to the terminal or standard output, never into the file;
 * errors to the terminal or standard error. Only an interactive console has colours, a
 * width to fit and a progress bar.
 */
final class Console implements AutoCloseable {
    private final Terminal terminal;
    private final PrintWriter notes;
    private final PrintWriter errors;
    private final boolean colours;
    private PrintWriter file;
    private Path filePath;

    private Console(Terminal terminal, PrintWriter notes, PrintWriter errors, boolean colours) {
        this.terminal = terminal;
        this.notes = notes;
        this.errors = errors;
        this.colours = colours;
    }

    /** An interactive session on a terminal; colours unless the terminal is dumb or NO_COLOR is set. */
    static Console of(Terminal terminal, boolean colours) {
        return new Console(terminal, terminal.writer(), terminal.writer(), colours);
    }

    /** Scripts: results and notes on standard output, errors on standard error, plain text. */
    static Console of(PrintWriter out, PrintWriter err) {
        return new Console(null, out, err, false);
    }

    boolean interactive() {
        return terminal != null;
    }

    PrintWriter results() {
        return file != null ? file : notes;
    }

    /** Results go to the interactive terminal (not a file or a pipe): fit its width, limit long results. */
    boolean resultsOnTerminal() {
        return file == null && terminal != null;
    }

    Layout layout(String nullText) {
        if (!resultsOnTerminal()) {
            return new Layout(0, nullText, true);
        }
        int w = terminal.getWidth();
        return new Layout(w <= 0 ? 80 : w, nullText, StandardCharsets.UTF_8.equals(terminal.encoding()));
    }

    /** Where notes go: the terminal or standard output, never the .output file. */
    PrintWriter notes() {
        return notes;
    }

    void note(String line) {
        notes.println(line);
        notes.flush();
    }

    void error(String line) {
        errors.println(colours ? new AttributedString(line, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)).toAnsi(terminal) : line);
        errors.flush();
    }

    /** Text in a quieter style on a colour terminal (the banner's second line, hints). */
    String dim(String text) {
        return colours ? new AttributedString(text, AttributedStyle.DEFAULT.faint()).toAnsi(terminal) : text;
    }

    /** A progress bar for long work on the terminal; none in scripts. */
    LongConsumer progress(String label, long total) {
        return terminal == null || total <= 0 ? null : new ProgressBar(terminal, label, total);
    }

    /** Sends results to a new file (or the end of an existing one with {@code append}) until {@link #toDefault}. */
    void toFile(Path path, boolean append) {
        PrintWriter w;
        try {
            w = new PrintWriter(Files.newBufferedWriter(path, StandardCharsets.UTF_8,
                    append ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND}
                            : new StandardOpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE}));
        } catch (FileAlreadyExistsException e) {
            throw new BadInputException(path + " already exists: .output --append " + path + " adds to it");
        } catch (NoSuchFileException e) {
            throw new BadInputException(path + ": no such directory");
        } catch (IOException e) {
            throw new BadInputException("cannot write " + path + ": " + e.getMessage());
        }
        toDefault();
        file = w;
        filePath = path;
    }

    /** Results back to the terminal or standard output; closes the file, if any. */
    Path toDefault() {
        Path was = filePath;
        if (file != null) {
            file.close();
            file = null;
            filePath = null;
        }
        return was;
    }

    Path outputFile() {
        return filePath;
    }

    @Override
    public void close() {
        toDefault();
        notes.flush();
        errors.flush();
    }
}
