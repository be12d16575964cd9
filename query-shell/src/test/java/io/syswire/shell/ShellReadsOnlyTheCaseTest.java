package io.syswire.shell;

import io.syswire.hostile.Hostile;
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
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SQL in the shell reads the case and nothing else: every statement that would read or write
 * a file, link another database, run a script, change a setting or hand H2 source code is
 * refused in one line, whichever way it arrives (-e, -f, a pipe, typed), before H2 acts on it;
 * no file appears and the case keeps its SHA-256. Reading SQL stays unrestricted.
 */
class ShellReadsOnlyTheCaseTest {
    @TempDir
    Path dir;
    Path db;
    Path outside;

    @BeforeEach
    void aCaseAndAnEmptyDirectoryNextToIt() throws IOException {
        db = Cases.imported(dir, "ping");
        outside = Files.createDirectory(dir.resolve("outside"));
    }

    List<String> refused() {
        String o = outside.toString();
        String source = "java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + o + "/payload\"), \"x\")";
        return List.of(
                "CALL FILE_WRITE('overwritten', '" + db + "')",
                "SELECT FILE_WRITE('x', '" + o + "/w')",
                "CALL CSVWRITE('" + o + "/c.csv', 'SELECT 1')",
                "SCRIPT TO '" + o + "/s.sql'",
                "SCRIPT NODATA TO '" + o + "/s2.sql'",
                "BACKUP TO '" + o + "/b.zip'",
                "SELECT FILE_READ('/etc/passwd')",
                "SELECT * FROM CSVREAD('/etc/passwd')",
                "RUNSCRIPT FROM '/etc/passwd'",
                "CALL LINK_SCHEMA('L', '', 'jdbc:h2:" + o + "/linked', '', '', 'PUBLIC')",
                "CREATE LINKED TABLE LT('', 'jdbc:h2:" + o + "/linked2', '', '', 'T')",
                "CREATE TRIGGER T BEFORE SELECT ON runs AS 'org.h2.api.Trigger create() { try { " + source
                        + "; } catch (Exception e) { } return null; }'",
                "CREATE ALIAS A AS 'String a() throws Exception { " + source + "; return \"\"; }'",
                "SET TRACE_LEVEL_FILE 3",
                "SELECT \"FILE_READ\"('/etc/hostname')",
                "SELECT U&\"FILE\\005fREAD\"('/etc/hostname')",
                "select file_read('/etc/hostname')",
                "EXECUTE IMMEDIATELY 'CALL FILE_WRITE(''x'', ''" + o + "/e'')'",
                "SHUTDOWN COMPACT",
                "DELETE FROM raw_blocks");
    }

    @Test
    void eachIsRefusedFromMinusE() throws IOException {
        String before = Hostile.sha256(db);
        for (String sql : refused()) {
            Cases.Cli r = Cases.shell(db, sql);
            assertEquals(1, r.status(), sql + ": " + r.err());
            assertRefusedInOneLine(r.err(), sql);
        }
        assertNothingWritten(before);
    }

    @Test
    void eachIsRefusedFromAScriptFileAndFromAPipe() throws IOException {
        String before = Hostile.sha256(db);
        String script = String.join(";\n", refused()) + ";\n";
        Path f = Files.writeString(dir.resolve("evil.sql"), script);
        for (Cases.Cli r : List.of(Cases.cli("shell", db.toString(), "-f", f.toString()), Cases.piped(db, script))) {
            assertEquals(1, r.status(), r.err());
            List<String> errors = r.err().lines().toList();
            assertEquals(refused().size(), errors.size(), r.err());
            errors.forEach(e -> assertRefusedInOneLine(e + "\n", script));
        }
        assertNothingWritten(before);
    }

    @Test
    void eachIsRefusedWhenTyped() throws IOException {
        String before = Hostile.sha256(db);
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        String keys = String.join(";\n", refused()) + ";\n.quit\n";
        try (Terminal t = new DumbTerminal("test", Terminal.TYPE_DUMB,
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen, StandardCharsets.UTF_8)) {
            assertEquals(0, QueryShell.interactive(t, io.syswire.store.CaseFile.at(db), false, dir.resolve("history")));
        }
        // a dumb terminal echoes nothing: each error follows the prompt it answers
        List<String> errors = screen.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("error: "))
                .map(l -> l.substring(l.indexOf("error: "))).toList();
        assertEquals(refused().size(), errors.size(), String.join("\n", errors));
        errors.forEach(e -> assertRefusedInOneLine(e + "\n", e));
        assertNothingWritten(before);
    }

    @Test
    void readingSqlOverTheCaseStaysUnrestricted() {
        Cases.Cli r = Cases.shell(db, ".mode csv",
                "with p as (select pid, count(*) n from raw_events group by pid) select count(*) as pids from p",
                "select cap_names(cap_effective) as caps from traces",
                "explain select * from traces where run_id = 1",
                "show tables",
                "values (1), (2)",
                "select count(*) as n from information_schema.tables where table_name = 'RUNS'");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("pids\r\n1\r\ncaps\r\n") && r.out().contains("cap_net_raw"), r.out());
    }

    private static void assertRefusedInOneLine(String err, String what) {
        assertTrue(err.startsWith("error: ") && err.indexOf('\n') == err.length() - 1, what + ": " + err);
        assertTrue(err.contains(" is refused: the shell's SQL reads the case and nothing else")
                || err.contains("unicode escapes") || err.contains("the case is open read-only"), what + ": " + err);
    }

    private void assertNothingWritten(String before) throws IOException {
        assertEquals(before, Hostile.sha256(db), "the case is unchanged");
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(List.of(), s.toList(), "no file was written");
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".mv.db") || p.toString().endsWith(".trace.db"))
                    .toList(), "no H2 database or trace file appeared");
        }
    }
}
