package io.syswire.ops;

import io.syswire.live.LiveOptions;
import io.syswire.live.LiveSource;
import io.syswire.machine.MachineStats;
import io.syswire.machine.StateMachine;
import io.syswire.output.JsonTraceSink;
import io.syswire.pipeline.BothSinks;
import io.syswire.pipeline.Recorder;
import io.syswire.pipeline.RunSink;
import io.syswire.pipeline.RunSummary;
import io.syswire.store.CaseStore;
import io.syswire.store.RunKind;
import io.syswire.store.RunWriter;
import io.syswire.kernel.SyscallTable;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.BiConsumer;

/**
 * A live recording: the recorder with the kernel as its source, writing a live run into the
 * case (committed at least once a second) and, if asked, each trace as JSON as it closes.
 * The caller starts the {@link LiveSource} first, so nothing is written when the kernel side
 * cannot start.
 */
public final class LiveRecording {
    private LiveRecording() {
    }

    /**
     * Records until the source stops.
     *
     * @param json     where to print traces as they close, or null
     * @param progress told about the source's progress and the machine's counts, a few times a second
     */
    public static RunOutcome run(CaseStore store, LiveSource source, LiveOptions options, String description,
                                 SyscallTable table, PrintWriter json,
                                 BiConsumer<LiveSource.Progress, MachineStats> progress) throws IOException {
        RunWriter writer = store.beginRun(RunKind.LIVE, null, options.config(), description, table, RunWriter.Commit.EVERY_SECOND);
        RunSink sink = json == null ? writer : new BothSinks(writer, new JsonTraceSink(json, options.config().meta()));
        StateMachine machine = new StateMachine(options.config(), table, sink);
        source.onProgress(p -> progress.accept(p, machine.stats()));
        RunSummary summary = new Recorder(machine, sink).run(source);
        return new RunOutcome(writer.runId(), RunKind.LIVE, null, summary);
    }
}
