package io.syswire.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = ".mode", description = "Sets how results print: table, csv, json, jsonl, markdown, line.")
final class DotMode implements Callable<Integer> {
    @Mixin
    HelpFlag help;

    @Parameters(arity = "0..1", paramLabel = "MODE", description = "table, csv, json, jsonl, markdown or line (none: show the current one)")
    String mode;

    private final ShellContext context;

    DotMode(ShellContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (mode == null) {
            context.console().note("mode " + context.settings().get(ShellSetting.MODE));
        } else {
            context.settings().set(ShellSetting.MODE, mode);
        }
        return 0;
    }
}
