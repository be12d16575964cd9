package io.syswire.store;

import io.syswire.BadInputException;
import io.syswire.config.Config;
import io.syswire.kernel.SyscallTable;
import io.syswire.pipeline.RawEventHandler;
import io.syswire.store.schema.tables.records.RunsRecord;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.syswire.store.schema.Tables.RAW_BLOCKS;
import static io.syswire.store.schema.Tables.RUNS;

/**
 * An open case: one connection to its H2 database, the runs it holds, and the start of new
 * runs. {@link CaseFile} creates, checks and opens case files; this class is what it hands out.
 */
public final class CaseStore implements AutoCloseable {
    public enum Access { READ_ONLY, READ_WRITE }

    /** The case was made by an older syswire: it can be upgraded, but only when the user agrees. */
    public static final class OlderSchemaException extends BadInputException {
        private final String situation;

        OlderSchemaException(String situation, String remedy) {
            super(situation + ": " + remedy);
            this.situation = situation;
        }

        /** What is the case, without the advice to rerun (for a question asked interactively). */
        public String situation() {
            return situation;
        }
    }

    /** What to do with a case made by an older syswire. */
    public enum Upgrade { REFUSE, UPGRADE }

    private final CaseFile caseFile;
    private final Access access;
    private final Connection conn;
    private final DSLContext sql;
    private boolean wrote;

    CaseStore(CaseFile caseFile, Access access, Connection conn) {
        this.caseFile = caseFile;
        this.access = access;
        this.conn = conn;
        this.sql = DSL.using(conn, SQLDialect.H2);
    }

    static String url(Path f, Access access) {
        // No COMPRESS while writing: SHUTDOWN COMPACT rewrites every page compressed at close
        // (the same file size either way), and compressing pages as they were written took a
        // sixth of the recorder's CPU during a flood.
        return "jdbc:h2:" + CaseFilePath.SCHEME + ":" + f + ";IFEXISTS=TRUE;TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE"
                + (access == Access.READ_ONLY ? ";ACCESS_MODE_DATA=r" : "");
    }

    public Path file() {
        return caseFile.path();
    }

    public Access access() {
        return access;
    }

    /** The jOOQ view of this case; statements run on the store's one connection. */
    public DSLContext sql() {
        return sql;
    }

    public Connection connection() {
        return conn;
    }

    public List<RunInfo> runs() {
        List<RunInfo> out = new ArrayList<>();
        for (RunsRecord r : sql.selectFrom(RUNS).orderBy(RUNS.RUN_ID).fetch()) {
            out.add(toInfo(r));
        }
        return out;
    }

    public Optional<RunInfo> run(int runId) {
        RunsRecord r = sql.selectFrom(RUNS).where(RUNS.RUN_ID.eq(runId)).fetchOne();
        return Optional.ofNullable(r).map(CaseStore::toInfo);
    }

    /** The run a command means: the one asked for, or the newest. */
    public RunInfo resolveRun(Integer runId) {
        if (runId != null) {
            return run(runId).orElseThrow(() -> new BadInputException(caseFile + " has no run " + runId + runList()));
        }
        List<RunInfo> all = runs();
        if (all.isEmpty()) {
            throw new BadInputException(caseFile + " has no runs yet");
        }
        return all.get(all.size() - 1);
    }

    private String runList() {
        List<RunInfo> all = runs();
        if (all.isEmpty()) {
            return " (it has none)";
        }
        return " (runs: " + all.get(0).runId() + ".." + all.get(all.size() - 1).runId() + ")";
    }

    /** The run whose raw events a run's trace events refer to (a replay's chain of parents ends at evidence). */
    public RunInfo evidenceRun(RunInfo run) {
        RunInfo r = run;
        while (!r.kind().storesRawEvents()) {
            r = run(r.parentRunId()).orElseThrow(() -> new BadInputException("run " + run.runId() + " lost its parent"));
        }
        return r;
    }

    /** Starts a run; the returned writer is the run's sink in the pipeline. */
    public RunWriter beginRun(RunKind kind, Integer parentRunId, Config config, String source, SyscallTable table,
                              RunWriter.Commit commit) {
        return beginRun(kind, parentRunId, config, source, null, table, commit);
    }

    /** @param host the host the run's raw events come from (a {@link HostName}), or null if not known */
    public RunWriter beginRun(RunKind kind, Integer parentRunId, Config config, String source, String host,
                              SyscallTable table, RunWriter.Commit commit) {
        if (access == Access.READ_ONLY) {
            throw new IllegalStateException("case opened read-only");
        }
        return new RunWriter(this, kind, parentRunId, config, source, host, table, commit);
    }

    /** Feeds a stored run's raw events, in order, to a handler (the source of replays and exports). */
    public void readRaw(int runId, RawEventHandler handler) {
        // Fetch keys first and data block by block: a run may hold gigabytes.
        for (var k : sql.select(RAW_BLOCKS.BLOCK_NO, RAW_BLOCKS.FIRST_SEQ, RAW_BLOCKS.EVENT_COUNT)
                .from(RAW_BLOCKS).where(RAW_BLOCKS.RUN_ID.eq(runId)).orderBy(RAW_BLOCKS.BLOCK_NO).fetch()) {
            byte[] data = sql.select(RAW_BLOCKS.DATA).from(RAW_BLOCKS)
                    .where(RAW_BLOCKS.RUN_ID.eq(runId).and(RAW_BLOCKS.BLOCK_NO.eq(k.value1()))).fetchOne(RAW_BLOCKS.DATA);
            RawBlockDecoder d = new RawBlockDecoder(data, k.value3());
            while (d.hasNext()) {
                handler.accept(d.next());
            }
        }
    }

    /** A stored block of raw events: its number, the seq of its first event, how many it holds. */
    public record RawBlockKey(int blockNo, long firstSeq, int events) {
    }

    /** A run's raw blocks in order (keys only: the data is read block by block with {@link #rawBlock}). */
    public List<RawBlockKey> rawBlocks(int runId) {
        return sql.select(RAW_BLOCKS.BLOCK_NO, RAW_BLOCKS.FIRST_SEQ, RAW_BLOCKS.EVENT_COUNT).from(RAW_BLOCKS)
                .where(RAW_BLOCKS.RUN_ID.eq(runId)).orderBy(RAW_BLOCKS.BLOCK_NO)
                .fetch(r -> new RawBlockKey(r.value1(), r.value2(), r.value3()));
    }

    /** One block's events, decoded one at a time. */
    public RawBlockDecoder rawBlock(int runId, RawBlockKey k) {
        byte[] data = sql.select(RAW_BLOCKS.DATA).from(RAW_BLOCKS)
                .where(RAW_BLOCKS.RUN_ID.eq(runId).and(RAW_BLOCKS.BLOCK_NO.eq(k.blockNo()))).fetchOne(RAW_BLOCKS.DATA);
        return new RawBlockDecoder(data, k.events());
    }

    int nextRunId() {
        Integer max = sql.select(DSL.max(RUNS.RUN_ID)).from(RUNS).fetchOne(0, Integer.class);
        return max == null ? 1 : max + 1;
    }

    static RunInfo toInfo(RunsRecord r) {
        return new RunInfo(r.getRunId(), RunKind.byLabel(r.getKind()), r.getParentRunId(),
                r.getConfig() == null ? null : r.getConfig().data(), r.getTask(), r.getSource(), r.getStatus(),
                Times.nanos(r.getStartedAt()), Times.nanos(r.getEndedAt()), Times.nanos(r.getFirstEventTs()),
                Times.nanos(r.getLastEventTs()), r.getRawEvents(), r.getLostEvents(), r.getTraces(),
                r.getTransitions(), r.getIncompleteTraces(), r.getKernelSeen(), r.getKernelForwarded(),
                r.getKernelDropped(), r.getKernelReadFailures(), r.getRawDigest(), r.getDigestOrigin(), r.getMachineRules(),
                r.getHost());
    }

    /** A run was written: closing will compact the file. */
    void wrote() {
        wrote = true;
    }

    /** Compacts the file now and closes this store (see {@link #close}). */
    void compact() {
        wrote = true;
        close();
    }

    /**
     * Closes the case. After writing, H2 rewrites the file compactly into a new file that it
     * renames over the old one (dead pages of a long write are dropped and pages compressed:
     * several times smaller). Reading leaves the file as it was.
     */
    @Override
    public void close() {
        try {
            if (!conn.isClosed()) {
                if (wrote && access == Access.READ_WRITE) {
                    try (var s = conn.createStatement()) {
                        s.execute("SHUTDOWN COMPACT");
                    }
                }
                conn.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("closing " + caseFile + ": " + CaseErrors.firstLine(e.getMessage()), e);
        }
    }
}
