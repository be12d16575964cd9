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
import io.syswire.store.SpooledLog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;

/**
 * A raw log file becomes a run. With a configuration the state machine runs too; without
 * one only the raw events are stored, for later replays. All or nothing: a bad line
 * anywhere leaves the case as it was.
 */
public final class Importer {
    private Importer() {
    }

    /**
     * Reads and checks a whole raw log before any case is touched: a bad line anywhere is an
     * error naming it, and the case file is then never opened for writing.
     */
    public static SpooledLog check(BufferedReader in, String name, SyscallTable table) throws IOException {
        try (RawLogReader source = new RawLogReader(in, name, table)) {
            return SpooledLog.of(source);
        }
    }

    /** As {@link #check(BufferedReader, String, SyscallTable)}, for raw bytes: strict UTF-8, decoded line by line. */
    public static SpooledLog check(InputStream in, String name, SyscallTable table) throws IOException {
        try (RawLogReader source = new RawLogReader(in, name, table)) {
            return SpooledLog.of(source);
        }
    }

    /**
     * Checks a checked log against the configuration without writing: with a regex scope the
     * state machine has a dry run over it, so a value it refuses refuses the import before the case is opened.
     */
    public static void rehearse(SpooledLog log, Settings settings, SyscallTable table) throws IOException {
        if (!settings.isEmpty()) {
            Rehearsal.ifScopeCanFail(settings.resolve(table), table, log);
        }
    }

    /** Stores a checked log as a new import run (and runs the state machine if configured). */
    public static RunOutcome run(CaseStore store, SpooledLog log, String name, Settings settings, SyscallTable table)
            throws IOException {
        return run(store, log, name, null, settings, table);
    }

    /** @param host the host the log was captured on, or null if not known */
    public static RunOutcome run(CaseStore store, SpooledLog log, String name, String host, Settings settings,
                                 SyscallTable table) throws IOException {
        Config config = settings.isEmpty() ? null : settings.resolve(table);
        RunWriter writer = store.beginRun(RunKind.IMPORT, null, config, name, host, table, RunWriter.Commit.ONE_TRANSACTION);
        StateMachine machine = config == null ? null : new StateMachine(config, table, writer);
        RunSummary summary = new Recorder(machine, writer).run(log);
        return new RunOutcome(writer.runId(), RunKind.IMPORT, null, summary, writer.digest());
    }

    /** {@link #check} then {@link #run}. */
    public static RunOutcome run(CaseStore store, BufferedReader in, String name, Settings settings, SyscallTable table)
            throws IOException {
        try (SpooledLog log = check(in, name, table)) {
            return run(store, log, name, settings, table);
        }
    }
}
