package io.syswire.shell;

import io.syswire.cli.VerifyCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = ".verify", description = {"Checks that the evidence is what was recorded (syswire verify's output):",
        "each run's raw blocks against their SHA-256 chain, its traces and transitions recomputed."})
final class DotVerify implements Callable<Integer> {
    @Mixin
    HelpFlag help;

    @Mixin
    VerifyCommand.Options verify;

    private final ShellContext context;

    DotVerify(ShellContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (!verify.print(context.store(), context.console().results())) {
            throw new io.syswire.BadInputException("evidence in this case is altered (see the lines above)");
        }
        return 0;
    }
}
