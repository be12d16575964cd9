package io.syswire.shell;

import io.syswire.cli.DiffCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = ".diff", description = {"Compares two runs: configuration, traces, transitions.",
        "Traces added, removed and changed (the context a larger maxtrace adds); syswire diff's output."})
final class DotDiff implements Callable<Integer> {
    @Mixin
    HelpFlag help;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "the first run")
    int a;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "the second run")
    int b;

    @Mixin
    DiffCommand.Report report;

    private final ShellContext context;

    DotDiff(ShellContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        report.print(context.store(), a, b, context.console().results());
        return 0;
    }
}
