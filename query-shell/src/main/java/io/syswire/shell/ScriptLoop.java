package io.syswire.shell;

import io.syswire.BadInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The shell without a person at it: {@code -e} statements, {@code -f} scripts and piped
 * standard input, in order. Output is for scripts: no banner, prompt or colour. A failing
 * statement is reported and the rest still run (unless bail); the outcome says whether
 * every one succeeded.
 */
final class ScriptLoop {
    private final Shell shell;
    private final boolean bail;
    private boolean failed;

    ScriptLoop(Shell shell, boolean bail) {
        this.shell = shell;
        this.bail = bail;
    }

    /** @return true when every statement succeeded */
    boolean run(List<ScriptInput> inputs, Reader stdin) throws IOException {
        for (ScriptInput in : inputs) {
            if (in.kind() == ScriptInput.Kind.FILE && !Files.isReadable(Words.path(in.text()))) {
                // Before anything runs: a typo in -f should not leave half a report behind.
                throw new BadInputException(in.text() + (Files.exists(Words.path(in.text()))
                        ? ": permission denied" : ": no such script file"));
            }
        }
        for (ScriptInput in : inputs) {
            if (stopped()) {
                break;
            }
            switch (in.kind()) {
                case STATEMENTS -> {
                    for (Statements.Piece p : Statements.all(in.text())) {
                        if (stopped()) {
                            break;
                        }
                        run(p, null);
                    }
                }
                case FILE -> {
                    Path p = Words.path(in.text());
                    try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                        lines(r, p.toString());
                    } catch (NoSuchFileException e) {
                        throw new BadInputException(in.text() + ": no such script file");
                    } catch (CharacterCodingException e) {
                        throw new BadInputException(in.text() + ": not UTF-8 text");
                    }
                }
                case STDIN -> lines(new BufferedReader(stdin), null);
            }
        }
        return !failed;
    }

    /** Standard input as UTF-8, for {@link #run}. */
    static Reader stdin() {
        return new InputStreamReader(System.in, StandardCharsets.UTF_8);
    }

    private boolean stopped() {
        return shell.quitting() || (bail && failed);
    }

    /** Reads statements line by line, running each as soon as it is complete: a script may be endless (a pipe). */
    private void lines(BufferedReader r, String name) throws IOException {
        StringBuilder buffer = new StringBuilder();
        int bufferLine = 1;
        int lineNo = 0;
        String line;
        while (!stopped() && (line = r.readLine()) != null) {
            lineNo++;
            if (buffer.length() == 0) {
                bufferLine = lineNo;
            }
            buffer.append(line).append('\n');
            Statements.Split split = Statements.split(buffer.toString());
            for (Statements.Piece p : split.complete()) {
                if (stopped()) {
                    return;
                }
                run(p, where(name, bufferLine + newlines(buffer, p.start())));
            }
            if (split.finished()) {
                buffer.setLength(0);
            } else if (!split.complete().isEmpty()) {
                bufferLine += newlines(buffer, split.restStart());
                buffer.delete(0, split.restStart());
            }
        }
        if (!stopped() && !Statements.onlyComments(buffer.toString())) {
            // The last statement may lack its ;: run it as it is.
            for (Statements.Piece p : Statements.all(buffer.toString())) {
                run(p, where(name, bufferLine + newlines(buffer, p.start())));
            }
        }
    }

    private static int newlines(CharSequence s, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String where(String name, int line) {
        return (name == null ? "" : name + " ") + "line " + line;
    }

    private void run(Statements.Piece p, String where) {
        if (!shell.run(p, where)) {
            failed = true;
        }
    }
}
