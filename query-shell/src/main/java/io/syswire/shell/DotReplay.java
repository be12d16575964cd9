package io.syswire.shell;

import io.syswire.cli.ReplayCommand;
import io.syswire.ops.RunOutcome;
import io.syswire.store.CaseStore;
import io.syswire.store.RunInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;
import java.util.function.LongConsumer;

@Command(name = ".replay", description = {
        "Replays a run with other settings: a new run (syswire replay's options).",
        "The case is open for writing only while the replay runs; recorded raw events are never changed."})
final class DotReplay implements Callable<Integer> {
    @Mixin
    HelpFlag help;

    @Mixin
    ReplayCommand.Options replay;

    private final ShellContext context;

    DotReplay(ShellContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        CaseStore readOnly = context.store();
        replay.check(readOnly);
        RunInfo parent = replay.parent(readOnly);
        LongConsumer progress = context.console().progress("replaying run " + parent.runId(),
                readOnly.evidenceRun(parent).rawEvents());
        RunOutcome outcome = context.session().write(store -> replay.replay(store, progress));
        context.console().note(outcome.describe());
        return 0;
    }
}
