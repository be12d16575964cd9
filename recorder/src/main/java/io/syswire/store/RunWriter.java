package io.syswire.store;

import io.syswire.Version;
import io.syswire.config.Config;
import io.syswire.config.ConfigJson;
import io.syswire.config.Meta;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.kernel.SyscallTable;
import io.syswire.machine.Trace;
import io.syswire.machine.Transition;
import io.syswire.pipeline.RunSink;
import io.syswire.pipeline.RunSummary;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSON;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.syswire.store.schema.Tables.IMAGES;
import static io.syswire.store.schema.Tables.PROCESSES;
import static io.syswire.store.schema.Tables.RAW_BLOCKS;
import static io.syswire.store.schema.Tables.RUNS;
import static io.syswire.store.schema.Tables.TRACES;
import static io.syswire.store.schema.Tables.TRACE_EVENTS;
import static io.syswire.store.schema.Tables.TRANSITIONS;

/**
 * Writes one run into the case: its row in {@code runs}, raw events packed in blocks
 * (evidence runs only), traces with their events, transitions and processes, in batches.
 *
 * <p>An import or a replay is one transaction: it appears whole or not at all. A live run
 * commits twice a second, its row's counts and digest with its data, so a crash loses at
 * most the last half second of what reached the writer, and an aborted or killed live run
 * keeps what it recorded, marked {@code interrupted}.
 */
public final class RunWriter implements RunSink {
    public enum Commit { ONE_TRANSACTION, EVERY_SECOND }

    private static final int BATCH = 2000;
    // Twice a second: what a kill loses is this plus what was still on its way from the
    // kernel (LiveSource keeps that short), and the promise is at most a second.
    private static final long COMMIT_INTERVAL_NANOS = 500_000_000L;

    private final Connection conn;
    private final DSLContext sql;
    private final int runId;
    private final RunKind kind;
    private final Meta meta;
    private final Commit commit;
    private final RawBlockEncoder blocks = new RawBlockEncoder();
    private final RawChain chain = new RawChain();
    // derived data written with each block: its zone map and the run's counts so far
    private RawBlockSummary.Builder summary = new RawBlockSummary.Builder();
    private final RawEventCounts counts = new RawEventCounts();
    // One prepared batch per table, flushed parents first (trace_events refer to traces).
    private final Batch traces;
    private final Batch traceEvents;
    private final Batch transitions;
    private final Batch processes;
    private final Batch images;
    private final Map<Integer, ProcessRow> procs = new HashMap<>(); // by proc_no, while the process lives
    private final Map<Integer, ProcessRow> dirtyProcs = new LinkedHashMap<>();
    private int blockNo;
    // What the run holds so far, committed with it: a run cut off keeps true counts.
    private long rawEvents;
    private long lostEvents;
    private long firstTs = RawEvent.NO_TIME;
    private long lastTs = RawEvent.NO_TIME;
    private int traceCount;
    private int transitionCount;
    private int incompleteTraces;
    private long lastCommit = System.nanoTime();
    private boolean closed;

    RunWriter(CaseStore store, RunKind kind, Integer parentRunId, Config config, String source, String host,
              SyscallTable table, Commit commit) {
        store.wrote();
        this.conn = store.connection();
        this.sql = store.sql();
        this.kind = kind;
        this.meta = config != null ? config.meta() : Meta.DEFAULT;
        this.commit = commit;
        try {
            conn.setAutoCommit(false);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        this.runId = store.nextRunId();
        sql.insertInto(RUNS)
                .set(RUNS.RUN_ID, runId)
                .set(RUNS.KIND, kind.label())
                .set(RUNS.PARENT_RUN_ID, parentRunId)
                .set(RUNS.CONFIG, config == null ? null : JSON.json(ConfigJson.of(config, table)))
                .set(RUNS.TASK, config == null ? null : config.toTaskString(table))
                .set(RUNS.SOURCE, source)
                .set(RUNS.HOST, host == null ? null : HostName.check(host))
                .set(RUNS.STATUS, "running")
                .set(RUNS.STARTED_AT, OffsetDateTime.now(java.time.ZoneOffset.UTC))
                .set(RUNS.SYSWIRE_VERSION, Version.current())
                .set(RUNS.MACHINE_RULES, config == null ? null : io.syswire.machine.StateMachine.RULES)
                .execute();
        // Not committed yet: a live run becomes visible with its first checkpoint, and until
        // then discard() can take it back (its kernel side failed to start).
        traces = new Batch(sql, sql.insertInto(TRACES, RunRows.TRACE_COLUMNS).values(Batch.placeholders(RunRows.TRACE_COLUMNS)));
        traceEvents = new Batch(sql, sql.insertInto(TRACE_EVENTS, RunRows.TRACE_EVENT_COLUMNS)
                .values(Batch.placeholders(RunRows.TRACE_EVENT_COLUMNS)));
        transitions = new Batch(sql, sql.insertInto(TRANSITIONS, RunRows.TRANSITION_COLUMNS)
                .values(Batch.placeholders(RunRows.TRANSITION_COLUMNS)));
        Field<?>[] processCols = {PROCESSES.RUN_ID, PROCESSES.PROC_NO, PROCESSES.PID, PROCESSES.START_TIME,
            PROCESSES.PPID, PROCESSES.NAME, PROCESSES.EXE, PROCESSES.CMD, PROCESSES.NS, PROCESSES.CONTAINER_ID,
            PROCESSES.CONTAINER_NAME, PROCESSES.POD_UID, PROCESSES.FIRST_SEEN, PROCESSES.EXITED_AT, PROCESSES.EXIT_CODE};
        processes = new Batch(sql, sql.mergeInto(PROCESSES, processCols).key(PROCESSES.RUN_ID, PROCESSES.PROC_NO)
                .values(Batch.placeholders(processCols)));
        Field<?>[] imageCols = {IMAGES.RUN_ID, IMAGES.PROC_NO, IMAGES.IMAGE_NO, IMAGES.PID, IMAGES.EXEC_TS, IMAGES.NAME,
            IMAGES.EXE, IMAGES.CMD};
        images = new Batch(sql, sql.mergeInto(IMAGES, imageCols).key(IMAGES.RUN_ID, IMAGES.PROC_NO, IMAGES.IMAGE_NO)
                .values(Batch.placeholders(imageCols)));
    }

    public int runId() {
        return runId;
    }

    /** The run's digest (hex SHA-256 of its chain so far), or null for a run that stores no raw events. */
    public String digest() {
        return kind.storesRawEvents() ? RawChain.hex(chain.link()) : null;
    }

    @Override
    public void raw(RawEvent e, long seq) {
        rawEvents++;
        if (firstTs == RawEvent.NO_TIME) {
            firstTs = e.ts();
        }
        lastTs = Math.max(lastTs, e.ts());
        if (e instanceof io.syswire.event.LostEvent l) {
            lostEvents = saturatedAdd(lostEvents, l.count());
        }
        if (!kind.storesRawEvents()) {
            return;
        }
        if (blocks.isFull()) {
            writeBlock();
        }
        blocks.add(e, seq);
        summary.add(e, seq);
        counts.add(e);
        maybeCommit();
    }

    @Override
    public void transition(Transition t) {
        transitionCount++;
        transitions.add(RunRows.transition(runId, t));
        afterAdd(transitions);
    }

    @Override
    public void traceClosed(Trace t) {
        traceCount++;
        if (!t.complete()) {
            incompleteTraces++;
        }
        traces.add(RunRows.trace(runId, t, meta));
        for (Object[] e : RunRows.traceEvents(runId, t)) {
            traceEvents.add(e);
        }
        afterAdd(traces);
    }

    /**
     * A process row as it stands: inserted when first seen, merged when it changes or exits;
     * with the row of its current image, merged likewise, and a new one at each exec.
     */
    private static final class ProcessRow {
        final int procNo;
        final OffsetDateTime firstSeen;
        ProcessInfo info;
        int imageNo;
        OffsetDateTime execTs;
        boolean imageDirty;
        OffsetDateTime exitedAt;
        Integer exitCode;

        ProcessRow(int procNo, OffsetDateTime firstSeen) {
            this.procNo = procNo;
            this.firstSeen = firstSeen;
        }
    }

    @Override
    public void processSeen(int procNo, ProcessInfo p, long ts) {
        ProcessRow r = procs.get(procNo);
        if (r == null) {
            r = new ProcessRow(procNo, Times.sql(ts));
            procs.put(procNo, r);
        }
        r.info = p;
        r.imageDirty = true;
        dirtyProcs.put(r.procNo, r);
    }

    @Override
    public void imageStarted(int procNo, ProcessInfo p, long ts) {
        ProcessRow r = procs.get(procNo);
        if (r == null) {
            processSeen(procNo, p, ts); // an exec of a process the run had not seen: its first image
            return;
        }
        if (r.imageDirty) {
            writeImage(r); // the old image's last state, before the row moves on
        }
        r.imageNo++;
        r.execTs = Times.sql(ts);
        processSeen(procNo, p, ts);
    }

    private void writeImage(ProcessRow r) {
        ProcessInfo p = r.info;
        images.add(runId, r.procNo, r.imageNo, p.pid(), r.execTs, p.name(), p.exe(), p.cmd());
        r.imageDirty = false;
    }

    @Override
    public void processExited(int procNo, ProcessInfo p, long ts, Integer code) {
        ProcessRow r = procs.remove(procNo);
        if (r != null) {
            r.exitedAt = Times.sql(ts);
            r.exitCode = code;
            dirtyProcs.put(r.procNo, r);
        }
    }

    private void afterAdd(Batch batch) {
        if (batch.size() >= BATCH) {
            flushRecords();
        }
        // no commit here: a live run commits only as an event is stored (raw), after all it caused
    }

    private void flushRecords() {
        traces.execute();
        traceEvents.execute();
        transitions.execute();
        for (ProcessRow r : dirtyProcs.values()) {
            ProcessInfo p = r.info;
            processes.add(runId, r.procNo, p.pid(), Times.sql(p.startTime()),
                    p.ppid() == RawEvent.NO_PID ? null : p.ppid(), p.name(), p.exe(), p.cmd(), p.ns(), p.containerId(),
                    p.containerName(), p.podUid(), r.firstSeen, r.exitedAt, r.exitCode);
        }
        processes.execute();
        for (ProcessRow r : dirtyProcs.values()) {
            if (r.imageDirty) {
                writeImage(r);
            }
        }
        dirtyProcs.clear();
        images.execute(); // after processes: an image refers to its process row
    }

    private void writeBlock() {
        if (blocks.isEmpty()) {
            return;
        }
        RawBlock b = blocks.finishBlock();
        // The chain's link goes into the block's own row: committed with it, so a recording
        // killed later still verifies up to its last commit.
        byte[] link = chain.add(blockNo, b.firstSeq(), b.count(), b.firstTs(), b.lastTs(), b.data());
        sql.insertInto(RAW_BLOCKS)
                .set(RAW_BLOCKS.RUN_ID, runId)
                .set(RAW_BLOCKS.BLOCK_NO, blockNo++)
                .set(RAW_BLOCKS.CHAIN, link)
                .set(RAW_BLOCKS.FIRST_SEQ, b.firstSeq())
                .set(RAW_BLOCKS.EVENT_COUNT, b.count())
                .set(RAW_BLOCKS.FIRST_TS, Times.sql(b.firstTs()))
                .set(RAW_BLOCKS.LAST_TS, Times.sql(b.lastTs()))
                .set(RAW_BLOCKS.DATA, b.data())
                .execute();
        try {
            RawIndexRows.insert(conn, runId, blockNo - 1, summary.build());
        } catch (SQLException e) {
            throw new IllegalStateException("writing the index of raw block " + (blockNo - 1) + ": "
                    + CaseErrors.firstLine(e.getMessage()), e);
        }
        summary = new RawBlockSummary.Builder();
    }

    private void maybeCommit() {
        if (commit == Commit.EVERY_SECOND && System.nanoTime() - lastCommit >= COMMIT_INTERVAL_NANOS) {
            flushAll();
            tally();
            commitNow();
        }
    }

    /** The run's row as of now, in the same commit as its data: a kill leaves it true. */
    private void tally() {
        // ended_at of a run still recording: its last commit, the moment it lasts to if cut off
        var update = sql.update(RUNS)
                .set(RUNS.ENDED_AT, OffsetDateTime.now(java.time.ZoneOffset.UTC))
                .set(RUNS.FIRST_EVENT_TS, Times.sql(firstTs))
                .set(RUNS.LAST_EVENT_TS, Times.sql(lastTs))
                .set(RUNS.RAW_EVENTS, rawEvents)
                .set(RUNS.LOST_EVENTS, lostEvents)
                .set(RUNS.TRACES, traceCount)
                .set(RUNS.TRANSITIONS, transitionCount)
                .set(RUNS.INCOMPLETE_TRACES, incompleteTraces);
        if (kind.storesRawEvents()) {
            update = update.set(RUNS.RAW_DIGEST, digest()).set(RUNS.DIGEST_ORIGIN, "capture");
        }
        update.where(RUNS.RUN_ID.eq(runId)).execute();
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private void flushAll() {
        writeBlock();
        if (kind.storesRawEvents()) {
            // with every commit, never more often: all keys of a busy run change in every block
            try {
                counts.merge(conn, runId);
            } catch (SQLException e) {
                throw new IllegalStateException("writing the raw event counts: " + CaseErrors.firstLine(e.getMessage()), e);
            }
        }
        flushRecords();
    }

    private void commitNow() {
        try {
            conn.commit();
            if (commit == Commit.EVERY_SECOND) {
                // H2 keeps a commit in memory for up to its write delay; a live run's commit
                // must be on disk now, or a kill would lose that much more.
                try (var s = conn.createStatement()) {
                    s.execute("CHECKPOINT");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("commit failed: " + CaseErrors.firstLine(e.getMessage()), e);
        }
        lastCommit = System.nanoTime();
    }

    @Override
    public void finish(RunSummary s) {
        flushAll();
        complete(s, "complete");
    }

    private void complete(RunSummary s, String status) {
        var update = sql.update(RUNS)
                .set(RUNS.STATUS, status)
                .set(RUNS.ENDED_AT, OffsetDateTime.now(java.time.ZoneOffset.UTC))
                .set(RUNS.FIRST_EVENT_TS, Times.sql(s.firstTs()))
                .set(RUNS.LAST_EVENT_TS, Times.sql(s.lastTs()))
                .set(RUNS.RAW_EVENTS, s.rawEvents())
                .set(RUNS.LOST_EVENTS, s.lostEvents())
                .set(RUNS.TRACES, s.machine() == null ? 0 : s.machine().traces())
                .set(RUNS.TRANSITIONS, s.machine() == null ? 0 : s.machine().transitions())
                .set(RUNS.INCOMPLETE_TRACES, s.machine() == null ? 0 : s.machine().incompleteTraces());
        if (kind.storesRawEvents()) {
            update = update.set(RUNS.RAW_DIGEST, digest()).set(RUNS.DIGEST_ORIGIN, "capture");
        }
        if (s.kernel() != null) {
            update = update.set(RUNS.KERNEL_SEEN, s.kernel().seen())
                    .set(RUNS.KERNEL_FORWARDED, s.kernel().forwarded())
                    .set(RUNS.KERNEL_DROPPED, s.kernel().dropped())
                    .set(RUNS.KERNEL_READ_FAILURES, s.kernel().readFailures());
        }
        update.where(RUNS.RUN_ID.eq(runId)).execute();
        commitNow();
        closed = true;
    }

    /** Takes back a run that has recorded nothing and was never committed. */
    public void discard() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            conn.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("discarding run " + runId + ": " + CaseErrors.firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void abort(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (commit == Commit.ONE_TRANSACTION) {
                conn.rollback();
            } else {
                flushAll();
                tally();
                sql.update(RUNS).set(RUNS.STATUS, "interrupted")
                        .set(RUNS.ENDED_AT, OffsetDateTime.now(java.time.ZoneOffset.UTC))
                        .set(RUNS.RAW_DIGEST, digest()).set(RUNS.DIGEST_ORIGIN, "capture")
                        .where(RUNS.RUN_ID.eq(runId)).execute();
                conn.commit();
            }
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
