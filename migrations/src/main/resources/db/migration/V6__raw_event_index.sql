-- syswire case database, schema version 6: SQL over tens of millions of raw events.
-- Beside the evidence (raw_blocks, unchanged), derived data about each block, written with
-- the block in the same commit and recomputed from the blocks when an older case is
-- upgraded: a zone map per block and the counts of events per run. Neither is evidence:
-- `syswire verify` recomputes both from the blocks and reports any difference.

-- What each block holds, so that a query on a pid, a time window or a sequence number
-- decodes only the blocks that can hold its rows. Times are ns since the epoch (UTC).
CREATE TABLE raw_block_index (
    run_id    INTEGER NOT NULL,
    block_no  INTEGER NOT NULL,
    first_seq BIGINT NOT NULL,
    last_seq  BIGINT NOT NULL,
    min_ts    BIGINT NOT NULL,
    max_ts    BIGINT NOT NULL,
    pids      VARBINARY(65536) NOT NULL,   -- the distinct pids of its events, ascending, as varint deltas
    syscalls  VARBINARY(64) NOT NULL,      -- bit n set: the block holds a call of syscall number n
    kinds     INTEGER NOT NULL,            -- bit k set: the block holds an event of kind k (syscall = 0 ... lost = 6)
    PRIMARY KEY (run_id, block_no),
    FOREIGN KEY (run_id, block_no) REFERENCES raw_blocks (run_id, block_no)
);

-- How many raw events of each kind, pid, comm and syscall a run holds: the common
-- GROUP BYs over raw_events without decoding a block. key_no numbers the keys of a run in
-- the order the run first showed them.
CREATE TABLE raw_event_counts (
    run_id  INTEGER NOT NULL REFERENCES runs (run_id),
    key_no  INTEGER NOT NULL,
    kind    VARCHAR(8) NOT NULL,
    pid     INTEGER,
    comm    VARCHAR(256),
    syscall VARCHAR(64),
    events  BIGINT NOT NULL,
    PRIMARY KEY (run_id, key_no)
);

-- raw_events becomes a table of a syswire table engine (io.syswire.store.RawEventsEngine): the
-- same columns and rows, decoded from raw_blocks, with indexes that push conditions on seq,
-- ts and pid down to the blocks. The placeholder is that ENGINE clause (empty only for the
-- build's code generator, which excludes raw_events).
DROP VIEW raw_events;
CREATE TABLE raw_events (
    run_id          INTEGER NOT NULL,
    seq             BIGINT NOT NULL,
    ts              TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    kind            VARCHAR NOT NULL,
    pid             INTEGER,
    tid             INTEGER,
    ppid            INTEGER,
    start_time      TIMESTAMP(9) WITH TIME ZONE,
    comm            VARCHAR,
    uid             INTEGER,
    gid             INTEGER,
    syscall         VARCHAR,
    nr              INTEGER,
    args            JSON,
    ret             BIGINT,
    cap_effective   VARCHAR,
    cap_permitted   VARCHAR,
    cap_inheritable VARCHAR,
    mnt_ns          BIGINT,
    pid_ns          BIGINT,
    cgroup_id       BIGINT,
    detail          JSON
) ${raw_events_engine};

COMMENT ON TABLE raw_events IS 'one row per raw event of every live and import run';
COMMENT ON TABLE raw_block_index IS 'derived, not evidence: what each raw block holds (seq, time, pids, syscalls, kinds)';
COMMENT ON TABLE raw_event_counts IS 'derived, not evidence: raw events per run, kind, pid, comm and syscall';
