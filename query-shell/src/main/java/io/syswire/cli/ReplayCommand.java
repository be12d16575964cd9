package io.syswire.cli;

import io.syswire.kernel.SyscallTable;
import io.syswire.ops.Replayer;
import io.syswire.ops.RunOutcome;
import io.syswire.store.CaseStore;
import io.syswire.store.RunInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.util.concurrent.Callable;

@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs a stored run's raw events through the state machine again, with its configuration",
                "and the given overrides, offline. The result is a new run pointing at its parent;",
                "the parent's raw events are never changed."})
public final class ReplayCommand implements Callable<Integer> {
    @Mixin
    CaseOptions caseFile;

    @Option(names = "--run", paramLabel = "N", description = "the run to replay (default: the newest)")
    Integer run;

    @Option(names = {"-q", "--quiet"}, description = "print only the new run's id")
    boolean quiet;

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (CaseStore store = caseFile.open(CaseStore.Access.READ_WRITE)) {
            RunInfo parent = store.resolveRun(run);
            RunOutcome outcome = Replayer.run(store, parent, config.settings(), SyscallTable.x86_64(), null);
            spec.commandLine().getOut().println(quiet ? Integer.toString(outcome.runId()) : outcome.describe());
        }
        return 0;
    }
}
