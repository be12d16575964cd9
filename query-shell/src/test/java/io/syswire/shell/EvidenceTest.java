package io.syswire.shell;

import io.syswire.config.Settings;
import io.syswire.kernel.SyscallTable;
import io.syswire.ops.Importer;
import io.syswire.store.CaseFile;
import io.syswire.store.CaseStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Captured evidence stays as it was recorded: the shell opens the case read-only (the file
 * does not change by a byte, whatever SQL runs), replays write new runs, and the schema's
 * evidence guard refuses changes to raw events from any connection that can write.
 */
class EvidenceTest {
    @TempDir
    Path dir;

    Path db;

    @BeforeEach
    void aCase() {
        db = Cases.imported(dir, "ping");
    }

    @Test
    void deletingRawEventsFailsAndLeavesEveryEventInPlace() throws Exception {
        String before = rawEvents();
        String bytes = sha256(db);
        for (String sql : new String[] {"delete from raw_events", "delete from raw_blocks", "update raw_blocks set data = null",
                "truncate table raw_blocks", "drop table raw_blocks cascade", "delete from runs", "drop all objects"}) {
            Cases.Cli r = Cases.shell(db, sql);
            assertEquals(1, r.status(), sql);
            assertTrue(r.oneLineError(), sql + ": " + r.err());
            assertEquals("error: the case is open read-only: SQL in the shell never changes it (.replay writes new runs)\n",
                    r.err(), sql);
        }
        assertEquals(before, rawEvents());
        assertEquals(14, before.lines().count() - 1);
        assertEquals(bytes, sha256(db), "not a byte of the case changed");
    }

    @Test
    void aReplayWritesANewRunAndLeavesTheRawEventsAlone() throws Exception {
        String before = rawEvents();
        Cases.Cli r = Cases.shell(db, ".replay --maxtrace 10", ".mode csv", "select run_id, kind, parent_run_id from runs");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().endsWith("run_id,kind,parent_run_id\r\n1,import,\r\n2,replay,1\r\n"), r.out());
        assertEquals(before, rawEvents());
    }

    @Test
    void theEvidenceGuardRefusesChangesFromAConnectionThatCanWrite() throws Exception {
        String before = rawEvents();
        try (CaseStore store = CaseFile.at(db).open(CaseStore.Access.READ_WRITE, CaseStore.Upgrade.REFUSE);
             Statement s = store.connection().createStatement()) {
            assertRefused(s, "DELETE FROM raw_blocks", "raw events of run 1 are evidence: they are never changed or deleted");
            assertRefused(s, "UPDATE raw_blocks SET event_count = 0", "raw events of run 1 are evidence");
            assertRefused(s, "INSERT INTO raw_blocks SELECT run_id, 99, first_seq, event_count, first_ts, last_ts, data, chain"
                    + " FROM raw_blocks WHERE run_id = 1", "raw events are added only to a live or import run while it is recorded");
            assertRefused(s, "UPDATE runs SET lost_events = 0", "run 1 is captured evidence (import): its record is never changed");
            assertRefused(s, "DELETE FROM runs", "run 1 is captured evidence (import): its record is never deleted");
        }
        assertEquals(before, rawEvents());
    }

    @Test
    void theRecorderStillWritesRunsAndAFailedImportStillRollsBack() throws IOException {
        SyscallTable table = SyscallTable.x86_64();
        try (CaseStore store = CaseFile.at(db).open(CaseStore.Access.READ_WRITE, CaseStore.Upgrade.REFUSE)) {
            String log = Files.readString(Path.of("../samples/synthetic-ping.jsonl"));
            Importer.run(store, new BufferedReader(new StringReader(log)), "again", Settings.parseTask(Cases.TASK), table);
            assertThrows(io.syswire.BadInputException.class, () -> Importer.run(store,
                    new BufferedReader(new StringReader(log + "not json\n")), "broken", Settings.none(), table));
        }
        Cases.Cli r = Cases.shell(db, ".mode csv", "select run_id, raw_events, status from runs",
                "select run_id, count(*) as n from raw_events group by run_id");
        assertEquals("run_id,raw_events,status\r\n1,14,complete\r\n2,14,complete\r\nrun_id,n\r\n1,14\r\n2,14\r\n", r.out());
    }

    private static void assertRefused(Statement s, String sql, String message) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    private String rawEvents() {
        Cases.Cli r = Cases.shell(db, ".mode csv", "select * from raw_events order by run_id, seq");
        assertEquals(0, r.status(), r.err());
        return r.out();
    }

    private static String sha256(Path f) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }
}
