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
import java.util.function.LongConsumer;

@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Replay a run's raw events with another configuration, as a new run.",
        description = {"Runs a stored run's raw events through the state machine again, with its configuration",
                "and the given overrides, offline. The result is a new run pointing at its parent;",
                "the parent's raw events are never changed."})
public final class ReplayCommand implements Callable<Integer> {
    @Mixin
    CaseOptions caseFile;

    @Mixin
    Options replay;

    @Option(names = {"-q", "--quiet"}, description = "print only the new run's id")
    boolean quiet;

    @Spec
    CommandSpec spec;

    /** What to replay and how: the shell's {@code .replay} takes the same options. */
    public static final class Options {
        @Option(names = "--run", paramLabel = "N", description = "the run to replay (default: the newest)")
        Integer run;

        @Mixin
        ConfigOptions config;

        public RunInfo parent(CaseStore store) {
            return store.resolveRun(run);
        }

        /** Fails on a bad run or configuration before anything is written (the layering Replayer applies). */
        public void check(CaseStore store) throws IOException {
            Replayer.check(store, parent(store), config.settings(), SyscallTable.x86_64());
        }

        /** @param progress told how many events are done, every so often (may be null) */
        public RunOutcome replay(CaseStore store, LongConsumer progress) throws IOException {
            return Replayer.run(store, parent(store), config.settings(), SyscallTable.x86_64(), progress);
        }
    }

    @Override
    public Integer call() throws IOException {
        // Run and configuration are checked on the case opened read-only: a refused replay
        // never opens it for writing, so it changes no byte.
        try (CaseStore readOnly = caseFile.openReadOnly()) {
            replay.check(readOnly);
        }
        try (CaseStore store = caseFile.open(CaseStore.Access.READ_WRITE)) {
            RunOutcome outcome = replay.replay(store, null);
            spec.commandLine().getOut().println(quiet ? Integer.toString(outcome.runId()) : outcome.describe());
        }
        return 0;
    }
}
