-- syswire case database, schema version 5: the host each run was captured on, so that many
-- hosts' cases can be one data lake (export --format parquet partitions by host and run).
-- A live run records the machine's hostname (or record --host), an import its --host; a
-- replay inherits its parent's. NULL: not known (runs from before this version, imports
-- without --host). Adding a column fires no trigger: evidence rows stay as recorded.
ALTER TABLE runs ADD COLUMN host VARCHAR(253);

COMMENT ON COLUMN runs.host IS 'the host the run''s raw events were captured on (replays: their parent''s), or NULL if not known';
