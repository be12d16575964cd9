-- syswire case database, schema version 1.
-- One file per case. Runs are the unit of evidence: a live recording or an
-- import stores raw events; a replay stores only what the state machine made
-- of its parent's raw events. Time columns are UTC with nanoseconds.

-- Marks the file as a syswire case; the shell refuses H2 files without it.
CREATE TABLE case_info (
    item    VARCHAR(64) PRIMARY KEY,
    content VARCHAR(1024) NOT NULL
);
INSERT INTO case_info (item, content) VALUES ('format', 'syswire-case');

CREATE TABLE runs (
    run_id          INTEGER PRIMARY KEY,
    kind            VARCHAR(8) NOT NULL CHECK (kind IN ('live', 'replay', 'import')),
    parent_run_id   INTEGER REFERENCES runs (run_id),
    config          JSON,                          -- the configuration, or NULL for an import without one
    task            VARCHAR(4096),                 -- the same configuration as a task string
    source          VARCHAR(4096),                 -- imported file, or host and kernel of a live run
    status          VARCHAR(12) NOT NULL CHECK (status IN ('running', 'complete', 'interrupted')),
    started_at      TIMESTAMP(9) WITH TIME ZONE NOT NULL,  -- wall clock when the run began
    ended_at        TIMESTAMP(9) WITH TIME ZONE,
    first_event_ts  TIMESTAMP(9) WITH TIME ZONE,   -- event time covered by the raw log
    last_event_ts   TIMESTAMP(9) WITH TIME ZONE,
    raw_events      BIGINT NOT NULL DEFAULT 0,     -- raw events read (stored for live/import runs)
    lost_events     BIGINT NOT NULL DEFAULT 0,     -- events the kernel could not deliver
    traces          INTEGER NOT NULL DEFAULT 0,
    transitions     INTEGER NOT NULL DEFAULT 0,
    incomplete_traces INTEGER NOT NULL DEFAULT 0,
    kernel_seen     BIGINT,                        -- live runs: the kernel program's counters
    kernel_forwarded BIGINT,
    kernel_dropped  BIGINT,
    kernel_read_failures BIGINT,
    syswire_version VARCHAR(32) NOT NULL
);

-- The raw syscall log, stored compactly: a row holds a block of consecutive
-- events (varint and dictionary coded, see RawBlockCodec). The raw_events view
-- below decodes them for SQL.
CREATE TABLE raw_blocks (
    run_id      INTEGER NOT NULL REFERENCES runs (run_id),
    block_no    INTEGER NOT NULL,
    first_seq   BIGINT NOT NULL,
    event_count INTEGER NOT NULL,
    first_ts    TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    last_ts     TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    data        BLOB NOT NULL,          -- BLOB: H2 writes it once; inline VARBINARY gets rewritten with its B-tree page
    PRIMARY KEY (run_id, block_no)
);

CREATE TABLE processes (
    run_id         INTEGER NOT NULL REFERENCES runs (run_id),
    proc_no        INTEGER NOT NULL,               -- order in which the run first saw the process
    pid            INTEGER NOT NULL,
    start_time     TIMESTAMP(9) WITH TIME ZONE,
    ppid           INTEGER,
    name           VARCHAR(256),
    exe            VARCHAR(4096),
    cmd            VARCHAR(65536),
    ns             VARCHAR(64),                    -- mount namespace, <nsfs dev>-<inode>
    container_id   VARCHAR(128),
    container_name VARCHAR(256),
    pod_uid        VARCHAR(64),
    first_seen     TIMESTAMP(9) WITH TIME ZONE,
    exited_at      TIMESTAMP(9) WITH TIME ZONE,
    exit_code      INTEGER,
    PRIMARY KEY (run_id, proc_no)
);
CREATE INDEX processes_pid ON processes (run_id, pid);

CREATE TABLE traces (
    run_id           INTEGER NOT NULL REFERENCES runs (run_id),
    trace_id         INTEGER NOT NULL,             -- in the order traces opened
    pid              INTEGER NOT NULL,
    start_time       TIMESTAMP(9) WITH TIME ZONE,
    process_name     VARCHAR(256),
    tripwire_syscall VARCHAR(64) NOT NULL,
    tripwire_ts      TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    tripwire_tid     INTEGER,
    cap_effective    VARCHAR(16) NOT NULL,          -- of the calling thread at the tripwire
    cap_permitted    VARCHAR(16) NOT NULL,
    elevated         VARCHAR(1024) NOT NULL,        -- the elevated capabilities it held, by name
    context_count    INTEGER NOT NULL,
    end_reason       VARCHAR(8) NOT NULL CHECK (end_reason IN ('maxtrace', 'maxage', 'exit', 'end')),
    closed_ts        TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    complete         BOOLEAN NOT NULL,              -- false when the kernel dropped events while it was open
    lost_events      BIGINT NOT NULL DEFAULT 0,
    doc              JSON NOT NULL,                 -- the trace as published (seed schema)
    PRIMARY KEY (run_id, trace_id)
);

CREATE TABLE trace_events (
    run_id    INTEGER NOT NULL,
    trace_id  INTEGER NOT NULL,
    ordinal   INTEGER NOT NULL,                     -- 0 is the tripwire
    role      VARCHAR(8) NOT NULL CHECK (role IN ('tripwire', 'context')),
    syscall   VARCHAR(64) NOT NULL,
    ts        TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    tid       INTEGER,
    args      JSON,
    ret       BIGINT,
    raw_seq   BIGINT,                               -- the raw event (of the run, or of its parent for a replay)
    PRIMARY KEY (run_id, trace_id, ordinal),
    FOREIGN KEY (run_id, trace_id) REFERENCES traces (run_id, trace_id)
);

CREATE TABLE transitions (
    run_id        INTEGER NOT NULL REFERENCES runs (run_id),
    seq           INTEGER NOT NULL,
    ts            TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    pid           INTEGER NOT NULL,
    start_time    TIMESTAMP(9) WITH TIME ZONE,
    process_name  VARCHAR(256),
    from_state    VARCHAR(8) NOT NULL CHECK (from_state IN ('Unknown', 'Benign', 'Dormant', 'Tracing', 'Traced')),
    to_state      VARCHAR(8) NOT NULL CHECK (to_state IN ('Unknown', 'Benign', 'Dormant', 'Tracing', 'Traced')),
    cause         VARCHAR(8) NOT NULL CHECK (cause IN ('tripwire', 'maxtrace', 'maxage', 'exit', 'end')),
    syscall       VARCHAR(64),                      -- the tripwire syscall, for cause 'tripwire'
    cap_effective VARCHAR(16),                      -- the credentials judged, for cause 'tripwire'
    cap_permitted VARCHAR(16),
    trace_id      INTEGER,                          -- the trace opened or closed
    raw_seq       BIGINT,                           -- the raw event that caused it; NULL for sweeps and the end
    PRIMARY KEY (run_id, seq)
);
CREATE INDEX transitions_pid ON transitions (run_id, pid);

-- SQL access to the raw log. FORCE: the functions live in syswire's jar and
-- are resolved when first used, so the schema also builds without it.
CREATE FORCE ALIAS syswire_raw_events FOR 'io.syswire.store.RawEventsFunction.scan';
CREATE FORCE ALIAS cap_names FOR 'io.syswire.store.CapabilityFunctions.capNames';
CREATE FORCE ALIAS has_cap FOR 'io.syswire.store.CapabilityFunctions.hasCap';

-- One row per raw event of every live and import run.
CREATE FORCE VIEW raw_events AS SELECT * FROM syswire_raw_events();
