package io.syswire.store;

import io.syswire.config.Settings;
import io.syswire.event.RawEvent;
import io.syswire.kernel.SyscallTable;
import io.syswire.ops.Importer;
import io.syswire.ops.Verifier;
import io.syswire.rawlog.RawLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * raw_block_index and raw_event_counts are derived data a hostile case can alter: a hint that
 * does not fit the block's evidence columns, or does not parse, is not used; one that fits
 * but lies is found by verify, which recomputes both from the blocks.
 */
class RawIndexTamperTest {
    static final SyscallTable TABLE = SyscallTable.x86_64();

    @TempDir
    Path dir;

    Path aCase() throws Exception {
        Path file = dir.resolve("case.db");
        List<RawEvent> log = RawEventsPushdownTest.local(3, 30_000);
        StringWriter text = new StringWriter();
        try (RawLogWriter w = new RawLogWriter(text, TABLE)) {
            log.forEach(w::accept);
        }
        try (CaseStore store = CaseFile.at(file).create()) {
            Importer.run(store, new BufferedReader(new StringReader(text.toString())), "log.jsonl",
                    Settings.parseTask("syswire|capabilities:cap_net_raw;tripwires:socket"), TABLE);
        }
        return file;
    }

    static void tamper(Path file, String... updates) throws Exception {
        try (CaseStore store = CaseFile.at(file).open(CaseStore.Access.READ_WRITE, CaseStore.Upgrade.REFUSE);
             Statement st = store.connection().createStatement()) {
            for (String u : updates) {
                assertTrue(st.executeUpdate(u) > 0, u);
            }
        }
    }

    static void sameAsAFullDecode(Path file, String where) throws Exception {
        try (CaseStore store = CaseFile.at(file).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE);
             Statement st = store.connection().createStatement()) {
            List<String> full = RawEventsPushdownTest.rows(st, "SELECT run_id, seq, pid FROM syswire_raw_events() WHERE " + where);
            assertFalse(full.isEmpty(), where);
            assertEquals(full, RawEventsPushdownTest.rows(st, "SELECT run_id, seq, pid FROM raw_events WHERE " + where), where);
        }
    }

    static String verdict(Path file) throws Exception {
        try (CaseStore store = CaseFile.at(file).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE)) {
            List<Verifier.Verdict> v = Verifier.verify(store, 1, TABLE);
            return (v.get(0).intact() ? "intact: " : "not intact: ") + v.get(0).line();
        }
    }

    @Test
    void anIntactCaseVerifiesWithItsIndex() throws Exception {
        assertTrue(verdict(aCase()).startsWith("intact: "));
    }

    @Test
    void aHintThatDoesNotFitItsBlockOrDoesNotParseIsNotUsed() throws Exception {
        Path file = aCase();
        // block 1 holds pids around 204; its row now claims none, but its seq range no longer fits the block
        tamper(file, "UPDATE raw_block_index SET pids = X'', min_ts = 0, max_ts = 0, first_seq = first_seq + 1 WHERE block_no = 1",
                "UPDATE raw_block_index SET pids = X'ffff', syscalls = X'00' WHERE block_no = 2");
        sameAsAFullDecode(file, "pid = 204");
        sameAsAFullDecode(file, "pid = 209");
        sameAsAFullDecode(file, "syscall = 'close'");
        sameAsAFullDecode(file, "ts > " + RawEventsPushdownTest.ts(RawEventsPushdownTest.local(3, 30_000).get(9000).ts()));
    }

    @Test
    void aHintThatFitsButLiesIsFoundByVerify() throws Exception {
        Path file = aCase();
        // block 0 holds pids 200..203: drop them from its set, a lie that fits its evidence columns
        tamper(file, "UPDATE raw_block_index SET pids = X'" + hex(new RawBlockSummary(0, 0, 0, 0, new int[] {999}, new byte[64], 0)
                .encodedPids()) + "' WHERE block_no = 0");
        String v = verdict(file);
        assertTrue(v.startsWith("not intact: ") && v.contains("raw_block_index does not match block 0")
                && v.contains("derived data, not evidence"), v);
    }

    @Test
    void alteredCountsAreFoundByVerify() throws Exception {
        Path file = aCase();
        tamper(file, "UPDATE raw_event_counts SET events = events + 1 WHERE key_no = 1");
        String v = verdict(file);
        assertTrue(v.startsWith("not intact: ") && v.contains("raw_event_counts does not match"), v);
    }

    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }
}
