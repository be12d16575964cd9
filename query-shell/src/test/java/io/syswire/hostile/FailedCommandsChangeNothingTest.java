package io.syswire.hostile;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A command that fails changes no byte: options, the run and the file itself are checked before
 * anything is opened for writing, and a raw log is read to its end before the case is touched.
 */
class FailedCommandsChangeNothingTest {
    static final String TASK = HostileCaseTest.TASK;
    static final String PING = HostileCaseTest.PING;

    @TempDir
    Path dir;
    Path db;

    @BeforeEach
    void aCase() {
        db = dir.resolve("case.db");
        assertEquals(0, HostileCaseTest.cli("import", PING, "--out", db.toString(), "--task", TASK).status());
    }

    @Test
    void aFailedAppendingImportLeavesTheCaseAsItWas() throws IOException {
        String good = Files.readString(Path.of(PING));
        List<String> badLogs = List.of(
                good + "not json\n",
                good.replace("\"kind\":\"syscall\"", "\"kind\":\"nonsense\""),
                "{\"kind\":\"syscall\",\"ts\":\"2026-11-23T10:00:00Z\"}\n" + good,
                good + "{\"kind\":\"syscall\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":1,\"syscall\":\"sockte\",\"cap_effective\":\"0\",\"cap_permitted\":\"0\"}\n");
        String before = Hostile.sha256(db);
        int n = 0;
        for (String log : badLogs) {
            Path f = Files.writeString(dir.resolve("bad" + n++ + ".jsonl"), log);
            HostileCaseTest.Run r = HostileCaseTest.cli("import", f.toString(), "--out", db.toString(), "--append", "--task", TASK);
            assertEquals(2, r.status(), r.err());
            assertEquals(before, Hostile.sha256(db), "import of " + f + " changed the case: " + r.err());
        }
        Path raw = Files.write(dir.resolve("latin1.jsonl"), good.replace("ping", "p\u00e9ng").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(2, HostileCaseTest.cli("import", raw.toString(), "--out", db.toString(), "--append", "--task", TASK).status());
        assertEquals(2, HostileCaseTest.cli("import", PING, "--out", db.toString(), "--append", "--task", "syswire|capabilities:cap_nope").status());
        assertEquals(before, Hostile.sha256(db));
        assertNoSpoolLeft();
    }

    @Test
    void aFailedImportIntoANewCaseCreatesNoFile() throws IOException {
        Path f = Files.writeString(dir.resolve("bad.jsonl"), Files.readString(Path.of(PING)) + "{\n");
        Path fresh = dir.resolve("fresh.db");
        HostileCaseTest.Run r = HostileCaseTest.cli("import", f.toString(), "--out", fresh.toString(), "--task", TASK);
        assertEquals(2, r.status(), r.err());
        assertFalse(Files.exists(fresh));
        assertNoSpoolLeft();
    }

    @Test
    void aRefusedReplayLeavesTheCaseAsItWas() throws IOException {
        String before = Hostile.sha256(db);
        for (String[] args : List.of(
                new String[] {"--run", "999"},
                new String[] {"--maxtrace", "x"},
                new String[] {"--capabilities", "cap_nope"},
                new String[] {"--tripwires", "sockte"},
                new String[] {"-c", "process.name:~("},
                new String[] {"--task", "nonsense"})) {
            String[] cmd = new String[args.length + 2];
            cmd[0] = "replay";
            cmd[1] = db.toString();
            System.arraycopy(args, 0, cmd, 2, args.length);
            HostileCaseTest.Run r = HostileCaseTest.cli(cmd);
            assertEquals(2, r.status(), String.join(" ", cmd) + ": " + r.err());
            assertEquals(before, Hostile.sha256(db), String.join(" ", cmd) + " changed the case");
        }
    }

    @Test
    void filesThatAreRefusedAreNeverWrittenTo() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.db"));
        Path text = Files.writeString(dir.resolve("text.db"), "Name:\tbash\nState:\tS (sleeping)\n");
        Path plain = dir.resolve("plain.db");
        Files.copy(db, plain);
        Hostile.plainH2(plain, "CREATE TABLE OTHER(A INT)", "DROP TABLE CASE_INFO");
        Path newer = dir.resolve("newer.db");
        Files.copy(db, newer);
        Hostile.plainH2(newer, "INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\","
                + " \"script\", \"installed_by\", \"execution_time\", \"success\") VALUES (99, '99', 'future', 'SQL', 'V99__f.sql', 'sa', 0, TRUE)");
        Path odd = dir.resolve("odd-version.db");
        Files.copy(db, odd);
        Hostile.plainH2(odd, "INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\","
                + " \"script\", \"installed_by\", \"execution_time\", \"success\") VALUES (98, '2.x.y', 'odd', 'SQL', 'V2.x.y__f.sql', 'sa', 0, TRUE)");
        Path truncated = dir.resolve("truncated.db");
        Files.copy(db, truncated);
        Hostile.plainH2(truncated, "CREATE TABLE PAD AS SELECT X, SPACE(200) AS S FROM SYSTEM_RANGE(1, 20000)", "DROP TABLE PAD");
        try (FileChannel c = FileChannel.open(truncated, StandardOpenOption.WRITE)) {
            c.truncate(c.size() / 2);
        }
        Path damaged = dir.resolve("damaged.db");
        Files.copy(db, damaged);
        try (FileChannel c = FileChannel.open(damaged, StandardOpenOption.WRITE)) {
            c.write(java.nio.ByteBuffer.wrap(new byte[64]), c.size() / 2); // a page in the middle overwritten
        }
        for (Path f : List.of(empty, text, plain, newer, odd, truncated, damaged)) {
            String before = Hostile.sha256(f);
            for (String[] args : List.of(
                    new String[] {"replay", f.toString(), "--maxtrace", "5"},
                    new String[] {"import", PING, "--out", f.toString(), "--append", "--task", TASK},
                    new String[] {"shell", f.toString(), "-e", "select 1"},
                    new String[] {"export", f.toString()},
                    new String[] {"diff", f.toString(), "1", "1"},
                    new String[] {"verify", f.toString()})) {
                HostileCaseTest.Run r = HostileCaseTest.cli(args);
                assertEquals(2, r.status(), String.join(" ", args) + ": " + r.err());
                assertTrue(r.err().startsWith("syswire: " + f) && r.err().indexOf('\n') == r.err().length() - 1,
                        String.join(" ", args) + ": " + r.err());
                assertFalse(r.err().contains("Exception"), r.err());
                assertEquals(before, Hostile.sha256(f), String.join(" ", args) + " changed " + f);
            }
        }
    }

    @Test
    void aPathEndingInSlashNamesNoCase() throws IOException {
        String before = Hostile.sha256(db);
        for (String[] args : List.of(new String[] {"shell", db + "/", "-e", "select 1"},
                new String[] {"replay", db + "/"}, new String[] {"import", PING, "--out", db + "/", "--append"})) {
            HostileCaseTest.Run r = HostileCaseTest.cli(args);
            assertEquals(2, r.status(), r.err());
            assertEquals("syswire: " + db + "/ ends with /: that names a directory, not a case file\n", r.err());
        }
        assertEquals(before, Hostile.sha256(db));
    }

    private static void assertNoSpoolLeft() throws IOException {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith("syswire-import-")).toList());
        }
    }
}
