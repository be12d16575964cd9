package io.syswire.ops;

import io.syswire.config.Config;
import io.syswire.config.ConfigJson;
import io.syswire.config.Settings;
import io.syswire.kernel.SyscallTable;
import io.syswire.machine.StateMachine;
import io.syswire.pipeline.RawEventHandler;
import io.syswire.pipeline.Recorder;
import io.syswire.pipeline.RunSummary;
import io.syswire.pipeline.Source;
import io.syswire.store.CaseStore;
import io.syswire.store.RunInfo;
import io.syswire.store.RunKind;
import io.syswire.store.RunWriter;
import io.syswire.store.StoredRunSource;

import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * A replay: the recorder with a stored run as its source. The parent's configuration with
 * the given overrides drives a fresh state machine over the parent's raw events (those of
 * the evidence run at the root of its replay chain); the result is a new run pointing at
 * the parent. The parent's raw events are only read.
 */
public final class Replayer {
    private static final long PROGRESS_EVERY = 65_536;

    private Replayer() {
    }

    /**
     * Checks a replay without writing (on a case opened read-only): its configuration, and with
     * a regex scope a dry run over the parent's raw events, so a refused replay touches nothing.
     */
    public static void check(CaseStore store, RunInfo parent, Settings overrides, SyscallTable table) throws IOException {
        Settings base = parent.hasConfig() ? ConfigJson.settings(parent.configJson()) : Settings.none();
        Config config = base.overriddenBy(overrides).resolve(table);
        try (Source dry = new StoredRunSource(store, store.evidenceRun(parent).runId())) {
            Rehearsal.ifScopeCanFail(config, table, dry);
        }
    }

    /**
     * @param progress told how many events have been replayed, every so often (may be null)
     */
    public static RunOutcome run(CaseStore store, RunInfo parent, Settings overrides, SyscallTable table,
                                 LongConsumer progress) throws IOException {
        Settings base = parent.hasConfig() ? ConfigJson.settings(parent.configJson()) : Settings.none();
        Config config = base.overriddenBy(overrides).resolve(table);
        RunInfo evidence = store.evidenceRun(parent);
        // a replay is of the same host's events: it inherits the host
        RunWriter writer = store.beginRun(RunKind.REPLAY, parent.runId(), config,
                "raw events of run " + evidence.runId(), evidence.host(), table, RunWriter.Commit.ONE_TRANSACTION);
        Recorder recorder = new Recorder(new StateMachine(config, table, writer), writer);
        Source source = new StoredRunSource(store, evidence.runId());
        if (progress != null) {
            source = withProgress(source, progress);
        }
        RunSummary summary = recorder.run(source);
        return new RunOutcome(writer.runId(), RunKind.REPLAY, parent.runId(), summary, null);
    }

    private static Source withProgress(Source inner, LongConsumer progress) {
        return new Source() {
            @Override
            public void drain(RawEventHandler handler) throws IOException {
                long[] n = {0};
                inner.drain(e -> {
                    handler.accept(e);
                    if (++n[0] % PROGRESS_EVERY == 0) {
                        progress.accept(n[0]);
                    }
                });
                progress.accept(n[0]);
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }
        };
    }
}
