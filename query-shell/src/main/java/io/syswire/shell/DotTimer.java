package io.syswire.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = ".timer", description = "Prints how long each SQL statement took (on), or not (off).")
final class DotTimer implements Callable<Integer> {
    @Mixin
    HelpFlag help;

    @Parameters(arity = "0..1", paramLabel = "on|off", description = "on or off (none: show the current setting)")
    String value;

    private final ShellContext context;

    DotTimer(ShellContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (value == null) {
            context.console().note("timer " + context.settings().get(ShellSetting.TIMER));
        } else {
            context.settings().set(ShellSetting.TIMER, value);
        }
        return 0;
    }
}
