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

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Compare two runs: configuration, traces, transitions.",
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

    @Mixin
    Report report;

    @Spec
    CommandSpec spec;

    /** How a diff is printed: the shell's {@code .diff} takes the same option. */
    public static final class Report {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
        String format;

        public void check() {
            if (!format.equals("text") && !format.equals("json")) {
                throw new BadInputException("--format must be text or json, not '" + format + "'");
            }
        }

        /** Compares runs {@code a} and {@code b} of the case and prints how they differ. */
        public RunDiff.Result print(CaseStore store, int a, int b, PrintWriter out) throws IOException {
            check();
            RunDiff.Result r = RunDiff.compare(store, store.resolveRun(a), store.resolveRun(b));
            if (format.equals("json")) {
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(r));
            } else {
                out.print(RunDiff.text(r));
            }
            out.flush();
            return r;
        }
    }

    @Override
    public Integer call() throws Exception {
        report.check();
        try (CaseStore store = caseFile.openReadOnly()) {
            return report.print(store, a, b, spec.commandLine().getOut()).identical() ? 0 : 1;
        }
    }
}
