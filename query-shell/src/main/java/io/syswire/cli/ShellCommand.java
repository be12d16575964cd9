package io.syswire.cli;

import io.syswire.shell.QueryShell;
import io.syswire.shell.ScriptInput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import java.util.concurrent.Callable;

@Command(name = "shell", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Open a case in the query shell (SQL and dot-commands).",
        description = {"Opens a case in the query shell: SQL over its runs, traces, transitions",
                "and raw events, and dot-commands for syswire's verbs (.help lists them).",
                "The case is opened read-only; .replay writes new runs. With -e, -f or a",
                "piped standard input the shell runs those statements and exits: status 0",
                "when every one succeeded, 1 when one failed. History: ~/.syswire_history."})
public final class ShellCommand implements Callable<Integer> {
    @Mixin
    CaseOptions caseFile;

    @Option(names = {"-e", "--execute"}, paramLabel = "STATEMENT", parameterConsumer = InOrder.class,
            description = "run this SQL statement or dot-command, then exit; repeat for more (run in order)")
    List<String> statements;

    @Option(names = {"-f", "--file"}, paramLabel = "SCRIPT", parameterConsumer = InOrder.class,
            description = "run the statements of this file, then exit; mixes with -e in order")
    List<String> scripts;

    @Option(names = "--bail", description = "stop at the first statement that fails")
    boolean bail;

    @Spec
    CommandSpec spec;

    /** -e and -f together, in the order they were given. */
    private final List<ScriptInput> inputs = new ArrayList<>();

    /** Keeps -e and -f in command-line order (picocli would collect each option apart). */
    static final class InOrder implements CommandLine.IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            OptionSpec option = (OptionSpec) argSpec;
            if (args.isEmpty()) {
                throw new CommandLine.ParameterException(commandSpec.commandLine(),
                        "Missing required parameter for option '" + option.longestName() + "' (" + option.paramLabel() + ")");
            }
            String value = args.pop();
            ShellCommand shell = (ShellCommand) commandSpec.userObject();
            shell.inputs.add(option.longestName().equals("--execute") ? ScriptInput.statements(value) : ScriptInput.file(value));
        }
    }

    @Override
    public Integer call() throws IOException {
        boolean upgrade = caseFile.upgrade;
        // System.console() is there when standard input and output are both a terminal (Java 17).
        if (inputs.isEmpty() && System.console() != null) {
            return QueryShell.interactive(caseFile.caseFile(), upgrade, QueryShell.defaultHistory());
        }
        List<ScriptInput> run = inputs.isEmpty() ? List.of(ScriptInput.stdin()) : inputs;
        return QueryShell.script(caseFile.caseFile(), upgrade, run, bail, QueryShell.stdin(),
                spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
