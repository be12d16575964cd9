package io.syswire.shell;

import io.syswire.BadInputException;
import io.syswire.cli.Main;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The dot-commands: syswire's own verbs in the shell. Each is a picocli command class, so
 * options are parsed, checked and documented ({@code .replay --help}) the way the command
 * line does it, and the replay, export and diff options are the CLI's own mixins. A fresh
 * instance runs each time: nothing carries over from one use to the next.
 */
final class DotCommands {
    private final ShellContext context;
    private final Map<String, Function<ShellContext, Object>> factories = new LinkedHashMap<>();
    private final Map<String, String> byAlias = new LinkedHashMap<>();
    private final Map<String, CommandSpec> specs = new LinkedHashMap<>();

    DotCommands(ShellContext context) {
        this.context = context;
        add(c -> new DotHelp(c, this));
        add(DotTables::new);
        add(DotSchema::new);
        add(DotRuns::new);
        add(DotTraces::new);
        add(DotShow::new);
        add(DotTransitions::new);
        add(DotReplay::new);
        add(DotDiff::new);
        add(DotExport::new);
        add(DotVerify::new);
        add(DotMode::new);
        add(DotOutput::new);
        add(DotTimer::new);
        add(DotSet::new);
        add(DotQuit::new);
    }

    private void add(Function<ShellContext, Object> factory) {
        CommandSpec spec = new CommandLine(factory.apply(context)).getCommandSpec();
        factories.put(spec.name(), factory);
        specs.put(spec.name(), spec);
        byAlias.put(spec.name(), spec.name());
        for (String alias : spec.aliases()) {
            byAlias.put(alias, spec.name());
        }
    }

    /** The commands' names, with their dots, in the order {@code .help} lists them. */
    List<String> names() {
        return new ArrayList<>(specs.keySet());
    }

    /** A command's picocli model (options, parameters, description), by name or alias; null if there is none. */
    CommandSpec spec(String name) {
        String n = byAlias.get(name);
        return n == null ? null : specs.get(n);
    }

    /** Runs one dot-command line. Failures are thrown, for the shell to report in one line. */
    void execute(String line) throws Exception {
        List<String> words = Words.split(line);
        String name = words.isEmpty() ? "." : words.get(0);
        String canonical = byAlias.get(name);
        if (canonical == null) {
            throw new BadInputException("no command " + name + io.syswire.kernel.NearestName.hint(name, byAlias.keySet())
                    + ": .help lists them");
        }
        Exception[] failure = {null};
        CommandLine cl = new CommandLine(factories.get(canonical).apply(context));
        cl.setOut(context.console().notes());
        cl.setErr(context.console().notes());
        cl.setParameterExceptionHandler((ex, args) -> {
            failure[0] = new BadInputException(canonical + ": " + Main.describe(ex) + " (see " + canonical + " --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            failure[0] = ex;
            return 1;
        });
        cl.execute(words.subList(1, words.size()).toArray(new String[0]));
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
