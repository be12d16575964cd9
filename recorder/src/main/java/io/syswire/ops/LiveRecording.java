package io.syswire.ops;

import io.syswire.BadInputException;
import io.syswire.kernel.Syscall;
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
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A live recording: the recorder with the kernel as its source, writing a live run into the
 * case (committed at least once a second) and, if asked, each trace as JSON as it closes.
 *
 * <p>{@link #start} is the one start-up sequence every caller (record, the live benchmarks,
 * the live tests) goes through, in this order: the machine's privileges and kernel are
 * checked; the case is opened or created, the run's row, the writer and the state machine
 * are made (the database's cold start takes a while); only then is the kernel program
 * attached, because records start piling up in the ring buffer the moment it is, and
 * draining must begin right after. If the kernel side cannot start, the run is discarded
 * and a case file this recording created is removed: a failed start leaves nothing behind.
 */
public final class LiveRecording implements AutoCloseable {
    private final CaseStore store;
    private final RunWriter writer;
    private final RunSink sink;
    private final StateMachine machine;
    private final LiveSource source;
    private final AutoCloseable stopHook;
    private final List<String> degraded;

    private LiveRecording(CaseStore store, RunWriter writer, RunSink sink, StateMachine machine, LiveSource source,
                          AutoCloseable stopHook, List<String> degraded) {
        this.degraded = List.copyOf(degraded);
        this.store = store;
        this.writer = writer;
        this.sink = sink;
        this.machine = machine;
        this.source = source;
        this.stopHook = stopHook;
    }

    /**
     * Starts recording into the target: when this returns the kernel program is attached and
     * records are waiting for {@link #run}.
     *
     * @param json   where to print traces as they close, or null
     * @param stopOn what besides the duration stops the recording
     */
    public static LiveRecording start(CaseTarget target, LiveOptions options, String description, SyscallTable table,
                                      PrintWriter json, LiveEnvironment env, StopOn stopOn) {
        return start(target, options, description, LiveEnvironment.hostname(), table, json, env, stopOn);
    }

    /** As above; {@code host} is the name the run records as its host (the machine's hostname unless told otherwise). */
    public static LiveRecording start(CaseTarget target, LiveOptions options, String description, String host,
                                      SyscallTable table, PrintWriter json, LiveEnvironment env, StopOn stopOn) {
        requireTracepoints(options, table);
        List<String> degraded = LiveSource.checkMachine();
        CaseStore store = null;
        RunWriter writer = null;
        try {
            store = target.open();
            writer = store.beginRun(RunKind.LIVE, null, options.config(), description, host, table,
                    RunWriter.Commit.EVERY_SECOND);
            RunSink sink = json == null ? writer : new BothSinks(writer, new JsonTraceSink(json, options.config().meta()));
            StateMachine machine = new StateMachine(options.config(), table, sink);
            LiveSource source = LiveSource.start(options, table, env);
            try {
                return new LiveRecording(store, writer, sink, machine, source, stopOn.install(source::stop), degraded);
            } catch (RuntimeException e) {
                source.close();
                throw e;
            }
        } catch (Throwable t) {
            if (writer != null) {
                try {
                    writer.discard(); // nothing was recorded: the run is removed
                } catch (RuntimeException e) {
                    t.addSuppressed(e);
                }
            }
            target.abandon(store, t);
            throw t;
        }
    }

    /** Every captured syscall needs a tracepoint: refused here, before any file or the kernel is touched. */
    private static void requireTracepoints(LiveOptions options, SyscallTable table) {
        for (int nr : options.capture().numbers()) {
            Syscall s = table.byNr(nr);
            if (s == null || s.tracepoint() == null) {
                throw new BadInputException("syscall " + table.nameOf(nr) + " has no tracepoint on this kernel: it cannot be captured");
            }
        }
    }

    /** What this recording lacks for want of an optional capability, one line each. */
    public List<String> degraded() {
        return degraded;
    }

    public int runId() {
        return writer.runId();
    }

    /**
     * Records until the source stops (its duration, {@link #stop}, or the stop hook).
     *
     * @param progress told about the source's progress and the machine's counts, a few times a second
     */
    public RunOutcome run(BiConsumer<LiveSource.Progress, MachineStats> progress) throws IOException {
        source.onProgress(p -> progress.accept(p, machine.stats()));
        RunSummary summary = new Recorder(machine, sink).run(source);
        return new RunOutcome(writer.runId(), RunKind.LIVE, null, summary, writer.digest());
    }

    /**
     * How the recorder is doing, for a long run's curve: its progress and counts, the event
     * time the state machine has reached against the wall clock (sweeps due by then have run),
     * and how many processes the machine's catalog and the /proc reader hold.
     */
    public record Health(LiveSource.Progress progress, MachineStats stats, long machineClockNanos, long wallNanos,
                         int catalogProcesses, int procfsProcesses) {
        /** How far the machine's event time (and so its sweeps) is behind the wall clock. */
        public long lagNanos() {
            return machineClockNanos == Long.MIN_VALUE ? 0 : wallNanos - machineClockNanos;
        }
    }

    /** As {@link #run(BiConsumer)}, telling {@code health} a few times a second (on the recording thread). */
    public RunOutcome runWatched(java.util.function.Consumer<Health> health) throws IOException {
        return run((p, m) -> health.accept(new Health(p, m, machine.clock(), LiveEnvironment.local().nowWall(),
                machine.catalogSize(), source.processesKnown())));
    }

    /** Asks the recording to end; safe from any thread. */
    public void stop() {
        source.stop();
    }

    /** Detaches the kernel program, then closes the case (compacting it). */
    @Override
    public void close() throws IOException {
        try (store; source) {
            stopHook.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
