package io.syswire.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = ".quit", aliases = ".exit", description = "Leaves the shell (so does Ctrl-D).")
final class DotQuit implements Callable<Integer> {
    @Mixin
    HelpFlag help;

    private final ShellContext context;

    DotQuit(ShellContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.quit();
        return 0;
    }
}
