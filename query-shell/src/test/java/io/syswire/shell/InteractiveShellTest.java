package io.syswire.shell;

import io.syswire.BadInputException;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The interactive shell driven through an in-memory terminal: what a person types, what they see. */
class InteractiveShellTest {
    @TempDir
    Path dir;

    Path db;
    Path history;

    @BeforeEach
    void aCase() {
        db = Cases.imported(dir, "dormant-benign-maxage");
        history = dir.resolve("history");
    }

    /** Types the text at the shell and returns everything the terminal showed. */
    private String type(Path caseFile, String keys) throws IOException {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Terminal t = new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8)) {
            assertEquals(0, QueryShell.interactive(t, io.syswire.store.CaseFile.at(caseFile), false, history));
        }
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBannerNamesTheCaseItsRunsAndHowToGetHelp() throws IOException {
        String screen = type(db, ".quit\n");
        assertTrue(screen.startsWith("syswire "), screen);
        assertTrue(screen.contains(" shell: " + db + ", open read-only\n"), screen);
        assertTrue(screen.contains("1 run: 1 import (33 events, 2 traces)\n"), screen);
        assertTrue(screen.contains(".help"), screen);
        assertTrue(screen.contains(InteractiveLoop.PROMPT), screen);
    }

    @Test
    void aStatementRunsOverSeveralLinesUntilItsSemicolon() throws IOException {
        String screen = type(db, "select process_name,\n  count(*) as traces\nfrom traces group by process_name;\n");
        assertTrue(screen.contains("""
                +--------------+--------+
                | process_name | traces |
                +--------------+--------+
                | pinger       |      2 |
                +--------------+--------+
                (1 row)
                """), screen);
    }

    @Test
    void anErrorIsOneLineAndTheShellKeepsGoing() throws IOException {
        String screen = type(db, "select * from nowhere;\nselect 'still here' as state;\n");
        assertTrue(screen.contains("error: Table \"NOWHERE\" not found: .tables lists them\n"), screen);
        assertFalse(screen.contains("Exception"), screen);
        assertTrue(screen.contains("| still here |"), screen);
    }

    @Test
    void longResultsAreCutAtMaxrowsWithACountOfWhatWasLeftOut() throws IOException {
        String screen = type(db, ".set maxrows 3\nselect x from system_range(1, 50);\n.mode csv\nselect x from system_range(1, 10);\n");
        assertTrue(screen.contains("| 3 |\n+---+\n(3 of 50 rows shown: .set maxrows 0 shows all, or use LIMIT)\n"), screen);
        assertTrue(screen.contains("x\r\n1\r\n2\r\n3\r\n(3 of 10 rows shown: .set maxrows 0 shows all, or use LIMIT)\n"),
                screen.replace("\r", "<CR>"));
    }

    @Test
    void statementsGoToAHistoryFileReadableOnlyByItsOwner() throws IOException {
        type(db, "select 1;\n.mode csv\n");
        String saved = Files.readString(history);
        assertTrue(saved.contains("select 1;"), saved);
        assertTrue(saved.contains(".mode csv"), saved);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));
    }

    @Test
    void anOlderCaseIsUpgradedOnlyWhenTheUserSaysSo() throws IOException {
        Path old = Cases.olderSchema(dir);
        BadInputException no = assertThrows(BadInputException.class, () -> type(old, "n\n"));
        assertTrue(no.getMessage().contains("rerun with --upgrade"), no.getMessage());
        assertEquals(2, Cases.shell(old, "select 1").status(), "no means no: the case keeps its old schema");

        String screen = type(old, "y\n.mode csv\nselect count(*) as n from dormant_processes;\n");
        assertTrue(screen.contains("has case schema version 1 and this syswire uses " + io.syswire.store.CaseFile.knownVersions().get(io.syswire.store.CaseFile.knownVersions().size() - 1) + ". Upgrade it now"), screen);
        assertTrue(screen.contains("n\r\n0\r\n"), screen);
    }
}
