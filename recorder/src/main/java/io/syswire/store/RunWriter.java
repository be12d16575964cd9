package io.syswire.store;

import io.syswire.Version;
import io.syswire.config.Config;
import io.syswire.config.ConfigJson;
import io.syswire.config.Meta;
import io.syswire.event.Args;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.kernel.CapabilitySet;
import io.syswire.kernel.SyscallTable;
import io.syswire.machine.Trace;
import io.syswire.machine.TraceEvent;
import io.syswire.machine.Transition;
import io.syswire.output.Json;
import io.syswire.output.TraceDocument;
import io.syswire.pipeline.RunSink;
import io.syswire.pipeline.RunSummary;
import io.syswire.store.schema.tables.records.ProcessesRecord;
import io.syswire.store.schema.tables.records.TraceEventsRecord;
import io.syswire.store.schema.tables.records.TracesRecord;
import io.syswire.store.schema.tables.records.TransitionsRecord;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.TableRecord;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.syswire.store.schema.Tables.PROCESSES;
import static io.syswire.store.schema.Tables.RAW_BLOCKS;
import static io.syswire.store.schema.Tables.RUNS;

/**
 * Writes one run into the case: its row in {@code runs}, raw events packed in blocks
 * (evidence runs only), traces with their events, transitions and processes, in batches.
 *
 * <p>An import or a replay is one transaction: it appears whole or not at all. A live run
 * commits at least once a second, so a crash loses at most the last second, and an aborted
 * live run keeps what it recorded, marked {@code interrupted}.
 */
public final class RunWriter implements RunSink {
    public enum Commit { ONE_TRANSACTION, EVERY_SECOND }

    private static final int BATCH = 2000;
    private static final long COMMIT_INTERVAL_NANOS = 1_000_000_000L;

    private final Connection conn;
    private final DSLContext sql;
    private final int runId;
    private final RunKind kind;
    private final Meta meta;
    private final Commit commit;
    private final RawBlockEncoder blocks = new RawBlockEncoder();
    private final List<TableRecord<?>> pending = new ArrayList<>();
    private final Map<Integer, ProcessesRecord> procByPid = new HashMap<>();
    private final Map<Integer, ProcessesRecord> dirtyProcs = new LinkedHashMap<>();
    private int blockNo;
    private int nextProcNo = 1;
    private long lastCommit = System.nanoTime();
    private boolean closed;

    RunWriter(CaseStore store, RunKind kind, Integer parentRunId, Config config, String source, SyscallTable table,
              Commit commit) {
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
                .set(RUNS.STATUS, "running")
                .set(RUNS.STARTED_AT, OffsetDateTime.now(java.time.ZoneOffset.UTC))
                .set(RUNS.SYSWIRE_VERSION, Version.current())
                .execute();
        if (commit == Commit.EVERY_SECOND) {
            commitNow();
        }
    }

    public int runId() {
        return runId;
    }

    @Override
    public void raw(RawEvent e, long seq) {
        if (!kind.storesRawEvents()) {
            return;
        }
        if (blocks.isFull()) {
            writeBlock();
        }
        blocks.add(e, seq);
        maybeCommit();
    }

    @Override
    public void transition(Transition t) {
        TransitionsRecord r = new TransitionsRecord()
                .setRunId(runId).setSeq(t.seq()).setTs(Times.sql(t.ts())).setPid(t.pid())
                .setStartTime(Times.sql(t.startTime())).setProcessName(t.processName())
                .setFromState(t.from().label()).setToState(t.to().label()).setCause(t.cause().label())
                .setSyscall(t.syscall())
                .setCapEffective(t.judged() ? CapabilitySet.hex(t.capEffective()) : null)
                .setCapPermitted(t.judged() ? CapabilitySet.hex(t.capPermitted()) : null)
                .setTraceId(t.traceId() == 0 ? null : t.traceId())
                .setRawSeq(t.rawSeq() < 0 ? null : t.rawSeq());
        add(r);
    }

    @Override
    public void traceClosed(Trace t) {
        ProcessInfo p = t.process();
        TraceEvent tw = t.tripwire();
        add(new TracesRecord()
                .setRunId(runId).setTraceId(t.traceId()).setPid(p.pid()).setStartTime(Times.sql(p.startTime()))
                .setProcessName(p.name()).setTripwireSyscall(tw.syscall()).setTripwireTs(Times.sql(tw.ts()))
                .setTripwireTid(tw.tid() == RawEvent.NO_PID ? null : tw.tid())
                .setCapEffective(CapabilitySet.hex(t.capEffective())).setCapPermitted(CapabilitySet.hex(t.capPermitted()))
                .setElevated(String.join("+", CapabilitySet.labels(t.elevatedHeld())))
                .setContextCount(t.context().size()).setEndReason(t.endReason().label())
                .setClosedTs(Times.sql(t.closedTs())).setComplete(t.complete()).setLostEvents(t.lostEvents())
                .setDoc(JSON.json(TraceDocument.json(t, meta))));
        add(traceEvent(t.traceId(), tw));
        for (TraceEvent e : t.context()) {
            add(traceEvent(t.traceId(), e));
        }
    }

    private TraceEventsRecord traceEvent(int traceId, TraceEvent e) {
        return new TraceEventsRecord()
                .setRunId(runId).setTraceId(traceId).setOrdinal(e.ordinal())
                .setRole(e.isTripwire() ? "tripwire" : "context").setSyscall(e.syscall()).setTs(Times.sql(e.ts()))
                .setTid(e.tid() == RawEvent.NO_PID ? null : e.tid()).setArgs(args(e.args()))
                .setRet(e.hasRet() ? e.ret() : null).setRawSeq(e.rawSeq());
    }

    static JSON args(Args a) {
        return JSON.json(Json.text(a.asMap()));
    }

    @Override
    public void processSeen(ProcessInfo p, long ts) {
        ProcessesRecord r = procByPid.get(p.pid());
        if (r == null) {
            r = new ProcessesRecord().setRunId(runId).setProcNo(nextProcNo++).setFirstSeen(Times.sql(ts));
            procByPid.put(p.pid(), r);
        }
        r.setPid(p.pid()).setStartTime(Times.sql(p.startTime()))
                .setPpid(p.ppid() == RawEvent.NO_PID ? null : p.ppid()).setName(p.name()).setExe(p.exe())
                .setCmd(p.cmd()).setNs(p.ns()).setContainerId(p.containerId()).setContainerName(p.containerName())
                .setPodUid(p.podUid());
        dirtyProcs.put(r.getProcNo(), r);
    }

    @Override
    public void processExited(ProcessInfo p, long ts, Integer code) {
        ProcessesRecord r = procByPid.remove(p.pid());
        if (r != null) {
            r.setExitedAt(Times.sql(ts)).setExitCode(code);
            dirtyProcs.put(r.getProcNo(), r);
        }
    }

    private void add(TableRecord<?> r) {
        pending.add(r);
        if (pending.size() >= BATCH) {
            flushRecords();
        }
        maybeCommit();
    }

    private void flushRecords() {
        if (!pending.isEmpty()) {
            sql.batchInsert(pending).execute();
            pending.clear();
        }
        if (!dirtyProcs.isEmpty()) {
            for (ProcessesRecord r : dirtyProcs.values()) {
                sql.insertInto(PROCESSES).set(r).onDuplicateKeyUpdate().set(r).execute();
            }
            dirtyProcs.clear();
        }
    }

    private void writeBlock() {
        if (blocks.isEmpty()) {
            return;
        }
        RawBlock b = blocks.finishBlock();
        sql.insertInto(RAW_BLOCKS)
                .set(RAW_BLOCKS.RUN_ID, runId)
                .set(RAW_BLOCKS.BLOCK_NO, blockNo++)
                .set(RAW_BLOCKS.FIRST_SEQ, b.firstSeq())
                .set(RAW_BLOCKS.EVENT_COUNT, b.count())
                .set(RAW_BLOCKS.FIRST_TS, Times.sql(b.firstTs()))
                .set(RAW_BLOCKS.LAST_TS, Times.sql(b.lastTs()))
                .set(RAW_BLOCKS.DATA, b.data())
                .execute();
    }

    private void maybeCommit() {
        if (commit == Commit.EVERY_SECOND && System.nanoTime() - lastCommit >= COMMIT_INTERVAL_NANOS) {
            flushAll();
            commitNow();
        }
    }

    /** For a live run: make everything so far durable now (also called by the recorder's idle timer). */
    public void checkpoint() {
        if (commit == Commit.EVERY_SECOND && !closed) {
            flushAll();
            commitNow();
        }
    }

    private void flushAll() {
        writeBlock();
        flushRecords();
    }

    private void commitNow() {
        try {
            conn.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("commit failed: " + CaseStore.firstLine(e.getMessage()), e);
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
                sql.update(RUNS).set(RUNS.STATUS, "interrupted")
                        .set(RUNS.ENDED_AT, OffsetDateTime.now(java.time.ZoneOffset.UTC))
                        .where(RUNS.RUN_ID.eq(runId)).execute();
                conn.commit();
            }
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
