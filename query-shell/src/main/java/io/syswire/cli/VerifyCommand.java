package io.syswire.cli;

import io.syswire.kernel.SyscallTable;
import io.syswire.ops.Verifier;
import io.syswire.store.CaseStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Check that a case's evidence is what was recorded.",
        description = {"Recomputes the SHA-256 chain over every live and import run's raw blocks, and every",
                "run's traces and transitions from its raw events and configuration, and compares them",
                "with what the case stores. One line per run. Exit status 0 when everything is intact,",
                "1 when something is altered (every such run is named), 2 when the file is unreadable or hostile."})
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    CaseOptions caseFile;

    @Mixin
    Options verify;

    @Spec
    CommandSpec spec;

    /** Which runs to verify: the shell's {@code .verify} takes the same option. */
    public static final class Options {
        @Option(names = "--run", paramLabel = "N", description = "verify only this run (default: every run)")
        Integer run;

        /** Prints one line per run; returns whether every run is intact. */
        public boolean print(CaseStore store, PrintWriter out) throws IOException {
            boolean intact = true;
            for (Verifier.Verdict v : verdicts(store)) {
                out.println(v.line());
                intact &= v.intact();
            }
            out.flush();
            return intact;
        }

        public List<Verifier.Verdict> verdicts(CaseStore store) throws IOException {
            return Verifier.verify(store, run, SyscallTable.x86_64());
        }
    }

    @Override
    public Integer call() throws IOException {
        try (CaseStore store = caseFile.openReadOnly()) {
            return verify.print(store, spec.commandLine().getOut()) ? 0 : 1;
        }
    }
}
