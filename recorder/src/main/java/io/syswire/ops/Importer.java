package io.syswire.ops;

import io.syswire.config.Config;
import io.syswire.config.Settings;
import io.syswire.kernel.SyscallTable;
import io.syswire.machine.StateMachine;
import io.syswire.pipeline.Recorder;
import io.syswire.pipeline.RunSummary;
import io.syswire.rawlog.RawLogReader;
import io.syswire.store.CaseStore;
import io.syswire.store.RunKind;
import io.syswire.store.RunWriter;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * A raw log file becomes a run. With a configuration the state machine runs too; without
 * one only the raw events are stored, for later replays. All or nothing: a bad line
 * anywhere leaves the case as it was.
 */
public final class Importer {
    private Importer() {
    }

    public static RunOutcome run(CaseStore store, BufferedReader in, String name, Settings settings, SyscallTable table)
            throws IOException {
        Config config = settings.isEmpty() ? null : settings.resolve(table);
        RunWriter writer = store.beginRun(RunKind.IMPORT, null, config, name, table, RunWriter.Commit.ONE_TRANSACTION);
        StateMachine machine = config == null ? null : new StateMachine(config, table, writer);
        try (RawLogReader source = new RawLogReader(in, name, table)) {
            RunSummary summary = new Recorder(machine, writer).run(source);
            return new RunOutcome(writer.runId(), RunKind.IMPORT, null, summary);
        }
    }
}
