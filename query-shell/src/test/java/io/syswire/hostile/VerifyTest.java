package io.syswire.hostile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * syswire verify: every evidence run's raw blocks against their SHA-256 chain, and every run's
 * traces and transitions recomputed from its raw events; one line per run, every altered run
 * named, exit 0 intact, 1 altered, 2 unreadable or hostile.
 */
class VerifyTest {
    static final String TASK = HostileCaseTest.TASK;
    static final Pattern DIGEST = Pattern.compile("digest sha256:([0-9a-f]{64})\n");

    @TempDir
    Path dir;
    Path db;
    String digest;

    @BeforeEach
    void aCaseWithAnImportAndAReplay() {
        db = dir.resolve("case.db");
        HostileCaseTest.Run imported = HostileCaseTest.cli("import", "../samples/synthetic-dormant-benign-maxage.jsonl",
                "--out", db.toString(), "--task", TASK);
        assertEquals(0, imported.status(), imported.err());
        Matcher m = DIGEST.matcher(imported.out());
        assertTrue(m.find(), "import prints the run's digest: " + imported.out());
        digest = m.group(1);
        assertEquals(0, HostileCaseTest.cli("replay", db.toString(), "--maxtrace", "0").status());
    }

    @Test
    void aCleanImportAndItsReplayVerifyIntact() {
        HostileCaseTest.Run r = HostileCaseTest.cli("verify", db.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("run 1 import sha256:" + digest + " intact; 2 traces and 8 transitions reproduce\n"
                + "run 2 replay of 1: 3 traces and 11 transitions reproduce\n", r.out());
        assertEquals("run 2 replay of 1: 3 traces and 11 transitions reproduce\n",
                HostileCaseTest.cli("verify", db.toString(), "--run", "2").out());
        HostileCaseTest.Run shell = HostileCaseTest.cli("shell", db.toString(), "-e", ".verify --run 1");
        assertEquals("run 1 import sha256:" + digest + " intact; 2 traces and 8 transitions reproduce\n", shell.out());
    }

    @Test
    void theSameRawLogHasTheSameDigestInAnyCase() {
        Path other = dir.resolve("other.db");
        HostileCaseTest.Run r = HostileCaseTest.cli("import", "../samples/synthetic-dormant-benign-maxage.jsonl", "--out",
                other.toString());
        assertTrue(r.out().contains("digest sha256:" + digest + "\n"), r.out());
    }

    @Test
    void aFlippedBitInARawBlockIsFound() throws Exception {
        Hostile.plainH2(db, "DROP TRIGGER RAW_BLOCKS_ARE_EVIDENCE",
                "UPDATE RAW_BLOCKS SET DATA = CAST(SUBSTRING(DATA FROM 1 FOR 40) || BITXOR(SUBSTRING(DATA FROM 41 FOR 1), X'01')"
                        + " || SUBSTRING(DATA FROM 42) AS BLOB) WHERE RUN_ID = 1 AND BLOCK_NO = 0",
                "CREATE FORCE TRIGGER raw_blocks_are_evidence BEFORE INSERT, UPDATE, DELETE ON raw_blocks FOR EACH ROW CALL"
                        + " 'io.syswire.store.EvidenceGuard'");
        HostileCaseTest.Run r = HostileCaseTest.cli("verify", db.toString());
        assertEquals(1, r.status(), r.err());
        assertEquals("run 1 import: ALTERED: block 0 does not match its chain\n"
                + "run 2 replay of 1: cannot be checked: the raw events of run 1 are altered\n", r.out());
    }

    @Test
    void anAlteredStoredTraceIsFound() throws Exception {
        Hostile.plainH2(db, "UPDATE TRACES SET DOC = JSON_OBJECT('process': JSON_OBJECT('name': 'innocent')) WHERE RUN_ID = 2 AND TRACE_ID = 3");
        HostileCaseTest.Run r = HostileCaseTest.cli("verify", db.toString());
        assertEquals(1, r.status(), r.err());
        assertTrue(r.out().endsWith("run 2 replay of 1: ALTERED: trace 3 is not what its raw events give (doc differs)\n"), r.out());
        assertTrue(r.out().startsWith("run 1 import sha256:" + digest + " intact"), r.out());
    }

    @Test
    void anAlteredOrMissingTransitionAndARewrittenCountAreFound() throws Exception {
        Path a = copy("a.db");
        Hostile.plainH2(a, "UPDATE TRANSITIONS SET TO_STATE = 'Benign' WHERE RUN_ID = 1 AND SEQ = 2");
        assertEquals("run 1 import sha256:" + digest + " intact; ALTERED: transition 2 is not what its raw events give"
                + " (to_state differs)\n", HostileCaseTest.cli("verify", a.toString(), "--run", "1").out());
        Path b = copy("b.db");
        Hostile.plainH2(b, "DELETE FROM TRANSITIONS WHERE RUN_ID = 2 AND SEQ = 11");
        assertEquals("run 2 replay of 1: ALTERED: transition 11 is missing\n",
                HostileCaseTest.cli("verify", b.toString(), "--run", "2").out());
        Path c = copy("c.db");
        Hostile.plainH2(c, "DROP TRIGGER EVIDENCE_RUNS_ARE_KEPT", "UPDATE RUNS SET RAW_EVENTS = 30 WHERE RUN_ID = 1",
                "CREATE FORCE TRIGGER evidence_runs_are_kept BEFORE UPDATE, DELETE ON runs FOR EACH ROW CALL"
                        + " 'io.syswire.store.EvidenceGuard'");
        HostileCaseTest.Run r = HostileCaseTest.cli("verify", c.toString(), "--run", "1");
        assertEquals(1, r.status());
        assertEquals("run 1 import sha256:" + digest + " intact; ALTERED: its record says 30 raw events, its blocks hold 33\n",
                r.out());
    }

    @Test
    void aHostileOrUnreadableFileIsExitTwo() throws Exception {
        Hostile.plainH2(db, "CREATE TABLE NOTES(A INT)");
        HostileCaseTest.Run r = HostileCaseTest.cli("verify", db.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("carries an object syswire never creates: table NOTES"), r.err());
        Path junk = Files.writeString(dir.resolve("junk.db"), "junk");
        assertEquals(2, HostileCaseTest.cli("verify", junk.toString()).status());
    }

    @Test
    void theEvidenceGuardLetsAChainOrDigestBeSetOnceAndNeverChanged() throws Exception {
        String out = Hostile.plainH2(db, "UPDATE RAW_BLOCKS SET CHAIN = X'" + "00".repeat(32) + "'",
                "UPDATE RUNS SET RAW_DIGEST = '" + "0".repeat(64) + "' WHERE RUN_ID = 1",
                "UPDATE RUNS SET DIGEST_ORIGIN = 'upgrade' WHERE RUN_ID = 1");
        assertEquals(3, out.lines().filter(l -> l.contains("is captured evidence") || l.contains("are evidence")).count(), out);
        assertEquals(0, HostileCaseTest.cli("verify", db.toString()).status());
    }

    @Test
    void anOlderCaseGetsItsChainOnlyWithUpgradeMarkedAsSuch() throws Exception {
        // A case of schema 2 (before chains) holding the same raw block as the import above.
        Path old = dir.resolve("old.db");
        org.flywaydb.core.Flyway.configure(VerifyTest.class.getClassLoader())
                .dataSource("jdbc:h2:" + dir.resolve("old").toAbsolutePath(), "", "")
                .locations("classpath:db/migration").target("2").load().migrate();
        Files.move(dir.resolve("old.mv.db"), old);
        HostileCaseTest.Run block = HostileCaseTest.cli("shell", db.toString(), "-e", ".mode csv", "-e",
                "select first_ts, last_ts, rawtohex(data) as hex from raw_blocks where run_id = 1");
        String[] f = block.out().lines().toList().get(1).split(",");
        Hostile.plainH2(old, "INSERT INTO RUNS (RUN_ID, KIND, STATUS, STARTED_AT, SYSWIRE_VERSION) VALUES (1, 'import',"
                        + " 'running', TIMESTAMP WITH TIME ZONE '2026-11-23 10:00:00Z', 'old')",
                "INSERT INTO RAW_BLOCKS VALUES (1, 0, 1, 33, TIMESTAMP WITH TIME ZONE '" + f[0] + "', TIMESTAMP WITH TIME ZONE '"
                        + f[1] + "', CAST(X'" + f[2] + "' AS BLOB))",
                "UPDATE RUNS SET STATUS = 'complete', RAW_EVENTS = 33 WHERE RUN_ID = 1");

        HostileCaseTest.Run refused = HostileCaseTest.cli("verify", old.toString());
        assertEquals(2, refused.status());
        assertTrue(refused.err().contains("rerun with --upgrade"), refused.err());
        HostileCaseTest.Run upgraded = HostileCaseTest.cli("verify", old.toString(), "--upgrade");
        assertEquals(0, upgraded.status(), upgraded.err());
        assertEquals("run 1 import sha256:" + digest + " intact (chain computed at upgrade, not at capture);"
                + " raw events only (no configuration, nothing to recompute)\n", upgraded.out());
        // the upgrade gave it the raw event index of schema 6, computed from its blocks
        HostileCaseTest.Run index = HostileCaseTest.cli("shell", old.toString(), "-e", ".mode csv", "-e",
                "select (select count(*) from raw_block_index) as blocks, (select sum(events) from raw_event_counts) as events");
        assertEquals(List.of("BLOCKS,EVENTS", "1,33"), index.out().toUpperCase(java.util.Locale.ROOT).lines().toList(), index.err());
    }

    private Path copy(String name) throws IOException {
        return Files.copy(db, dir.resolve(name));
    }
}
