package io.syswire.shell;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = ".help", aliases = ".?", description = "Lists the dot-commands, or shows one command's options.")
final class DotHelp implements Callable<Integer> {
    private static final int SYNOPSIS = 30;

    @Mixin
    HelpFlag help;

    @Parameters(arity = "0..1", paramLabel = "COMMAND", description = "a dot-command, with or without its dot")
    String command;

    private final ShellContext context;
    private final DotCommands commands;

    DotHelp(ShellContext context, DotCommands commands) {
        this.context = context;
        this.commands = commands;
    }

    @Override
    public Integer call() {
        Console console = context.console();
        if (command != null) {
            String name = command.startsWith(".") ? command : "." + command;
            CommandSpec spec = commands.spec(name);
            if (spec == null) {
                throw new io.syswire.BadInputException("no command " + name + ": .help lists them");
            }
            new CommandLine(spec).usage(console.notes());
            console.notes().flush();
            return 0;
        }
        console.note("SQL: any statement the case accepts, ending with ; (it may span lines). Tables: .tables");
        console.note("The case is open read-only; .replay writes new runs. Ctrl-C cancels a query, Ctrl-D leaves.");
        console.note("");
        for (String name : commands.names()) {
            CommandSpec spec = commands.spec(name);
            console.note(String.format("%-" + SYNOPSIS + "s %s", synopsis(spec), spec.usageMessage().description()[0]));
        }
        console.note("");
        console.note("Each command takes --help. Tab completes SQL and commands; Ctrl-R searches the history.");
        return 0;
    }

    /** {@code .show TRACE_ID [--run=N]}: the parameters, and the options if they fit (else [OPTIONS]: see --help). */
    private static String synopsis(CommandSpec spec) {
        StringBuilder b = new StringBuilder(spec.name());
        for (var p : spec.positionalParameters()) {
            String label = p.paramLabel();
            b.append(' ').append(p.arity().min == 0 ? "[" + label + "]" : label);
        }
        StringBuilder options = new StringBuilder();
        for (var o : spec.options()) {
            if (!o.usageHelp()) {
                options.append(" [").append(o.longestName()).append(o.arity().max > 0 ? "=" + o.paramLabel() : "").append(']');
            }
        }
        return b.length() + options.length() <= SYNOPSIS ? b.append(options).toString()
                : b.append(options.length() > 0 ? " [OPTIONS]" : "").toString();
    }
}
