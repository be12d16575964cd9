-- syswire case database, schema version 2: views for the questions analysts ask
-- most, descriptions for every table, and a guard that keeps captured evidence
-- as it was recorded.

-- Evidence: the raw blocks of live and import runs, and those runs' rows, are
-- never changed or deleted, whoever connects; a run being recorded still gets
-- its blocks and its final summary. FORCE: the class lives in syswire's jar.
CREATE FORCE TRIGGER raw_blocks_are_evidence BEFORE INSERT, UPDATE, DELETE ON raw_blocks
    FOR EACH ROW CALL 'io.syswire.store.EvidenceGuard';
CREATE FORCE TRIGGER evidence_runs_are_kept BEFORE UPDATE, DELETE ON runs
    FOR EACH ROW CALL 'io.syswire.store.EvidenceGuard';

-- One line per trace, with its context syscalls in order (sendto+sendto+close).
CREATE VIEW trace_summary AS
SELECT t.run_id, t.trace_id, t.pid, t.process_name, t.tripwire_syscall, t.tripwire_ts, t.elevated,
       t.context_count,
       (SELECT LISTAGG(e.syscall, '+') WITHIN GROUP (ORDER BY e.ordinal) FROM trace_events e
         WHERE e.run_id = t.run_id AND e.trace_id = t.trace_id AND e.role = 'context') AS context,
       t.end_reason, t.complete, t.lost_events
FROM traces t;

-- Traces per process name and run: who trips the wire, how often, with what.
CREATE VIEW traces_per_process AS
SELECT run_id, process_name, COUNT(*) AS traces, COUNT(DISTINCT pid) AS pids,
       SUM(context_count) AS context_events, SUM(CASE WHEN complete THEN 0 ELSE 1 END) AS incomplete,
       LISTAGG(DISTINCT tripwire_syscall, '+') WITHIN GROUP (ORDER BY tripwire_syscall) AS tripwires,
       MIN(tripwire_ts) AS first_ts, MAX(tripwire_ts) AS last_ts
FROM traces
GROUP BY run_id, process_name;

-- Events the kernel could not deliver, per run, and the traces they may have cut short.
CREATE VIEW drops_per_run AS
SELECT run_id, kind, status, raw_events, lost_events,
       CASE WHEN raw_events + lost_events = 0 THEN 0
            ELSE CAST(100.0 * lost_events / (raw_events + lost_events) AS DECIMAL(7, 3)) END AS lost_pct,
       traces, incomplete_traces, kernel_seen, kernel_forwarded, kernel_dropped, kernel_read_failures
FROM runs;

-- A least-privilege finding: processes judged Dormant at a tripwire (an elevated
-- capability permitted but not effective), how often they went Dormant, which
-- elevated capabilities they held that way, and whether they ever tripped with
-- one effective (never_effective: it could be dropped from the permitted set).
-- The elevated set is the run's configuration. FORCE: has_cap is a syswire
-- function, resolved when the view is first used.
CREATE FORCE VIEW dormant_processes AS
WITH elevated AS (
    SELECT run_id, REGEXP_SUBSTR(task, 'capabilities:([^;]*)', 1, 1, '', 1) AS caps FROM runs
), cap AS (
    SELECT e.run_id, REGEXP_SUBSTR(e.caps, '[^+]+', 1, n.x) AS name
    FROM elevated e, SYSTEM_RANGE(1, 64) n
    WHERE REGEXP_SUBSTR(e.caps, '[^+]+', 1, n.x) IS NOT NULL
), tracing AS (
    SELECT run_id, pid, start_time, MIN(ts) AS first_ts FROM transitions
    WHERE to_state = 'Tracing' GROUP BY run_id, pid, start_time
)
SELECT d.run_id, d.pid, d.process_name, d.start_time, COUNT(DISTINCT d.seq) AS times_dormant,
       LISTAGG(DISTINCT c.name, '+') WITHIN GROUP (ORDER BY c.name) AS permitted_not_effective,
       MIN(d.ts) AS first_dormant_ts, MIN(tr.first_ts) AS first_tracing_ts,
       MIN(tr.first_ts) IS NULL AS never_effective
FROM transitions d
LEFT JOIN cap c ON c.run_id = d.run_id AND has_cap(d.cap_permitted, c.name) AND NOT has_cap(d.cap_effective, c.name)
LEFT JOIN tracing tr ON tr.run_id = d.run_id AND tr.pid = d.pid AND tr.start_time IS NOT DISTINCT FROM d.start_time
WHERE d.to_state = 'Dormant'
GROUP BY d.run_id, d.pid, d.process_name, d.start_time;

-- What each table holds, for .tables and any SQL client's catalogue.
COMMENT ON TABLE case_info IS 'marks the file as a syswire case';
COMMENT ON TABLE runs IS 'one row per live recording, import or replay, with its configuration and counts';
COMMENT ON TABLE raw_blocks IS 'the raw syscall log of live and import runs, packed; read it as raw_events';
COMMENT ON TABLE processes IS 'processes each run saw: pid, start, parent, name, exe, command line, namespace, container';
COMMENT ON TABLE traces IS 'one row per trace: the process, its tripwire, end reason and the published JSON (doc)';
COMMENT ON TABLE trace_events IS 'the tripwire and context syscalls of every trace, in order';
COMMENT ON TABLE transitions IS 'every process state change with its time and cause';
COMMENT ON TABLE raw_events IS 'one row per raw event of every live and import run';
COMMENT ON TABLE trace_summary IS 'one line per trace with its context syscalls';
COMMENT ON TABLE traces_per_process IS 'traces per process name and run';
COMMENT ON TABLE drops_per_run IS 'events lost by the kernel per run';
COMMENT ON TABLE dormant_processes IS 'processes with an elevated capability permitted but not effective at a tripwire';
