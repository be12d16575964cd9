package io.syswire.cli;

import io.syswire.BadInputException;
import io.syswire.config.Numbers;
import io.syswire.store.Printable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code syswire}: the command line. Bad input of any kind is one line on stderr and exit
 * status 2; there is never a stack trace unless SYSWIRE_DEBUG=1.
 */
@Command(name = "syswire", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Linux forensic recorder: capability-triggered syscall traces in an H2 case database.",
        subcommands = {RecordCommand.class, ShellCommand.class, ReplayCommand.class, ImportCommand.class,
                ExportCommand.class, DiffCommand.class, VerifyCommand.class, io.syswire.bench.BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        int status = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs a command line with the given streams; returns its exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        // picocli's own int parsing takes "+64" and other scripts' digits; syswire takes ASCII digits only
        cl.registerConverter(Integer.class, Main::wholeInt);
        cl.registerConverter(Integer.TYPE, Main::wholeInt);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            err.println(c.getCommandName() + ": " + oneLine(describe(ex)) + " (see " + c.getCommandSpec().qualifiedName() + " --help)");
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            Throwable t = ex;
            while (t instanceof java.io.UncheckedIOException && t.getCause() != null) {
                t = t.getCause();
            }
            if (t instanceof BadInputException || t instanceof java.io.IOException) {
                err.println("syswire: " + oneLine(t.getMessage()));
                return EXIT_BAD_INPUT;
            }
            if (t instanceof OutOfMemoryError) {
                return outOfMemory(err);
            }
            err.println("syswire: internal error: " + oneLine(t.toString()) + (debug() ? "" : " (SYSWIRE_DEBUG=1 shows where)"));
            if (debug()) {
                t.printStackTrace(err);
            }
            return 1;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            return outOfMemory(err);
        } catch (Error e) {
            err.println("syswire: internal error: " + oneLine(e.toString()) + (debug() ? "" : " (SYSWIRE_DEBUG=1 shows where)"));
            if (debug()) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    /**
     * picocli's message, or for an unknown option or command one that names it and the nearest
     * valid one; the shell's dot-commands say it the same way.
     */
    public static String describe(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            List<String> near = u.getSuggestions();
            return (first.startsWith("-") ? "unknown option '" : "unexpected argument '") + first + "'"
                    + (near.isEmpty() ? "" : ": did you mean " + near.get(0) + "?");
        }
        return ex.getMessage();
    }

    /**
     * A message as one safe line: whatever a value put in it (a newline, ESC, a megabyte) is
     * escaped and cut here, whether or not the code that made the message quoted it.
     */
    static String oneLine(String message) {
        return Printable.quote(message, MAX_MESSAGE);
    }

    private static final int MAX_MESSAGE = 1000;

    static Integer wholeInt(String text) {
        String digits = text.startsWith("-") ? text.substring(1) : text;
        if (!Numbers.isDigits(digits) || digits.length() > 10) {
            throw new CommandLine.TypeConversionException("'" + Printable.quote(text) + "' is not a whole number (ASCII digits)");
        }
        long v = Long.parseLong(text);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new CommandLine.TypeConversionException("'" + Printable.quote(text) + "' is too large");
        }
        return (int) v;
    }

    /** The heap ran out (syswire bounds raw log lines and regex work; this is the last net): one line, exit 2. */
    private static int outOfMemory(PrintWriter err) {
        err.println("syswire: out of memory (the Java heap is full): SYSWIRE_JAVA_OPTS=-Xmx... gives it more");
        return EXIT_BAD_INPUT;
    }

    static boolean debug() {
        return "1".equals(System.getenv("SYSWIRE_DEBUG"));
    }
}
