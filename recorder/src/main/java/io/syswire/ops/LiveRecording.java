package io.syswire.ops;

import io.syswire.kernel.SyscallTable;
import io.syswire.live.LiveEnvironment;
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

import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.BiConsumer;

/**
 * A live recording: the recorder with the kernel as its source, writing a live run into the
 * case (committed at least once a second) and, if asked, each trace as JSON as it closes.
 *
 * <p>Prepare it before the kernel program is attached: that is when the run's row, the
 * writer and the state machine get made (the database's cold start takes a while), so that
 * once records flow nothing stands between the ring buffer and the consumer. If the kernel
 * side then cannot start, {@link #discard} leaves the case as it was.
 */
public final class LiveRecording {
    private final RunWriter writer;
    private final RunSink sink;
    private final StateMachine machine;

    private LiveRecording(RunWriter writer, RunSink sink, StateMachine machine) {
        this.writer = writer;
        this.sink = sink;
        this.machine = machine;
    }

    /** @param json where to print traces as they close, or null */
    public static LiveRecording prepare(CaseStore store, LiveOptions options, String description, SyscallTable table,
                                        PrintWriter json) {
        return prepare(store, options, description, LiveEnvironment.hostname(), table, json);
    }

    /** @param host the name the run records as its host (the machine's hostname unless told otherwise) */
    public static LiveRecording prepare(CaseStore store, LiveOptions options, String description, String host,
                                        SyscallTable table, PrintWriter json) {
        RunWriter writer = store.beginRun(RunKind.LIVE, null, options.config(), description, host, table,
                RunWriter.Commit.EVERY_SECOND);
        RunSink sink = json == null ? writer : new BothSinks(writer, new JsonTraceSink(json, options.config().meta()));
        return new LiveRecording(writer, sink, new StateMachine(options.config(), table, sink));
    }

    public int runId() {
        return writer.runId();
    }

    /**
     * Records until the source stops.
     *
     * @param progress told about the source's progress and the machine's counts, a few times a second
     */
    public RunOutcome run(LiveSource source, BiConsumer<LiveSource.Progress, MachineStats> progress) throws IOException {
        source.onProgress(p -> progress.accept(p, machine.stats()));
        RunSummary summary = new Recorder(machine, sink).run(source);
        return new RunOutcome(writer.runId(), RunKind.LIVE, null, summary, writer.digest());
    }

    /** Nothing was recorded (the kernel side did not start): the run is removed. */
    public void discard() {
        writer.discard();
    }
}
