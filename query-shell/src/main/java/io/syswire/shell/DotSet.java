package io.syswire.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = ".set", description = "Shows the settings, or changes one: mode, timer, maxrows, nullvalue.")
final class DotSet implements Callable<Integer> {
    @Mixin
    HelpFlag help;

    @Parameters(index = "0", arity = "0..1", paramLabel = "KEY", description = "a setting (none: list them all)")
    String key;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "its new value (none: show it)")
    String value;

    private final ShellContext context;

    DotSet(ShellContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        ShellSettings settings = context.settings();
        if (key == null) {
            for (ShellSetting s : ShellSetting.values()) {
                context.console().note(String.format("%-10s %-8s %s", s.key(), settings.get(s), s.description()));
            }
            return 0;
        }
        ShellSetting s = ShellSetting.byKey(key);
        if (value == null) {
            context.console().note(s.key() + " " + settings.get(s));
        } else {
            settings.set(s, value);
        }
        return 0;
    }
}
