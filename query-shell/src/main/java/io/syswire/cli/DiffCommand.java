package io.syswire.cli;

import io.syswire.BadInputException;
import io.syswire.ops.RunDiff;
import io.syswire.output.Json;
import io.syswire.store.CaseStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Compares two runs of a case: configuration, traces added, removed and changed",
                "(e.g. the context a larger maxtrace adds), and transition counts.",
                "Exit status 0 when the runs agree, 1 when they differ."})
public final class DiffCommand implements Callable<Integer> {
    @Mixin
    CaseOptions caseFile;

    @Parameters(index = "1", paramLabel = "RUN_A", description = "the first run")
    int a;

    @Parameters(index = "2", paramLabel = "RUN_B", description = "the second run")
    int b;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("text") && !format.equals("json")) {
            throw new BadInputException("--format must be text or json, not '" + format + "'");
        }
        try (CaseStore store = caseFile.open(CaseStore.Access.READ_ONLY)) {
            RunDiff.Result r = RunDiff.compare(store, store.resolveRun(a), store.resolveRun(b));
            if (format.equals("json")) {
                spec.commandLine().getOut().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(r));
            } else {
                spec.commandLine().getOut().print(RunDiff.text(r));
            }
            spec.commandLine().getOut().flush();
            return r.identical() ? 0 : 1;
        }
    }
}
