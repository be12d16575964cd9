-- syswire case database, schema version 4: program images. An exec starts a new program
-- image in the same process; the evidence names images, not just processes.
--
-- images: one row per image each process of a run ran, in order. Image 0 is the image the
-- process was first seen running (from its process or fork record, or its first syscall);
-- each successful exec adds the next, with its time. processes keeps one row per process,
-- describing the image it ran last; a trace's process block names the image current at
-- its tripwire.
CREATE TABLE images (
    run_id     INTEGER NOT NULL,
    proc_no    INTEGER NOT NULL,
    image_no   INTEGER NOT NULL,                   -- 0: as first seen; 1, 2...: each exec in order
    pid        INTEGER NOT NULL,
    exec_ts    TIMESTAMP(9) WITH TIME ZONE,        -- NULL for image 0 (not started by an exec the run saw)
    name       VARCHAR(256),
    exe        VARCHAR(4096),
    cmd        VARCHAR(65536),
    PRIMARY KEY (run_id, proc_no, image_no),
    FOREIGN KEY (run_id, proc_no) REFERENCES processes (run_id, proc_no)
);
CREATE INDEX images_pid ON images (run_id, pid);

-- Transitions gain the cause exec (Benign, Dormant and Traced end when the process execs).
-- The column's check constraint was unnamed in V1; CONSTRAINT_E85D is the name H2 gave it
-- in every case V1 created.
ALTER TABLE transitions DROP CONSTRAINT CONSTRAINT_E85D;
ALTER TABLE transitions ADD CONSTRAINT transitions_cause
    CHECK (cause IN ('tripwire', 'maxtrace', 'maxage', 'exec', 'exit', 'end'));

-- Which rules of the state machine made a run's traces and transitions: verify recomputes a
-- run only with the rules that made it. NULL: a run from before schema 4 (rules 1, when an
-- exec did not end a verdict and traces had no ancestry); 2: exec ends Benign, Dormant and
-- Traced, traces carry ancestry and execs. An evidence run's row never changes once complete.
ALTER TABLE runs ADD COLUMN machine_rules INTEGER;

COMMENT ON COLUMN runs.machine_rules IS 'state machine rules that made the run''s traces (NULL: before schema 4, rules 1)';
COMMENT ON TABLE images IS 'program images each process ran: image 0 as first seen, then one per exec with its time';
