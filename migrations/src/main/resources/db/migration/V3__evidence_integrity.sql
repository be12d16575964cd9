-- syswire case database, schema version 3: the integrity of captured evidence.
-- Each raw block of a live or import run carries a link of a SHA-256 chain over the run's
-- blocks in order (RawChain: each link covers the block and the link before it), written
-- and committed with the block, so a killed recording verifies up to its last commit. The
-- run's digest is its last link. `syswire verify` recomputes every chain.

ALTER TABLE raw_blocks ADD COLUMN chain BINARY(32);
ALTER TABLE runs ADD COLUMN raw_digest CHARACTER(64);
-- capture: linked as the blocks were written; upgrade: computed when an older case was upgraded
ALTER TABLE runs ADD COLUMN digest_origin VARCHAR(8) CHECK (digest_origin IN ('capture', 'upgrade'));

COMMENT ON COLUMN raw_blocks.chain IS 'SHA-256 link over this block and every earlier block of its run';
COMMENT ON COLUMN runs.raw_digest IS 'SHA-256 digest of the run''s raw events (the last link of its chain), hex';
COMMENT ON COLUMN runs.digest_origin IS 'capture: chained as recorded; upgrade: computed when an older case was upgraded';
