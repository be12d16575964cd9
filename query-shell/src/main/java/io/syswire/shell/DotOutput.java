package io.syswire.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = ".output", description = "Sends results to a new file; without one, back to the terminal.")
final class DotOutput implements Callable<Integer> {
    @Mixin
    HelpFlag help;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "the file; an existing one is refused unless --append")
    String file;

    @Option(names = "--append", description = "add to the end of FILE if it exists")
    boolean append;

    private final ShellContext context;

    DotOutput(ShellContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Console console = context.console();
        if (file == null) {
            Path was = console.toDefault();
            if (was != null) {
                console.note("results go to " + (console.interactive() ? "the terminal" : "standard output")
                        + " again (" + was + " closed)");
            }
            return 0;
        }
        Path path = Words.path(file);
        console.toFile(path, append);
        console.note("results go to " + path + " (.output alone goes back)");
        return 0;
    }
}
