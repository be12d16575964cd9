package io.syswire.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command-line contract of SPEC.md: commands, output, and exit status 2 with one line for bad input. */
class CommandLineTest {
    static final String PING = "../samples/synthetic-ping.jsonl";
    static final String TASK = "syswire|capabilities:cap_net_raw;tripwires:socket;context:sendto+close;maxtrace:3";

    @TempDir
    Path dir;

    @Test
    void importReplayDiffAndExportShowTheTraceGrowing() {
        String db = dir.resolve("c.db").toString();
        Cli imp = Cli.run("import", PING, "--out", db, "--task", TASK);
        assertEquals(0, imp.status(), imp.err());
        assertTrue(imp.out().startsWith("run 1 (import): 14 events, 1 traces, 3 transitions, 0 lost, "), imp.out());

        Cli replay = Cli.run("replay", db, "--maxtrace", "10");
        assertEquals(0, replay.status(), replay.err());
        assertTrue(replay.out().startsWith("run 2 (replay of run 1): 14 events, 1 traces, 2 transitions, 0 lost, "), replay.out());

        Cli diff = Cli.run("diff", db, "1", "2");
        assertEquals(1, diff.status(), "runs that differ");
        assertTrue(diff.out().contains("maxtrace: 3 -> 10"), diff.out());
        assertTrue(diff.out().contains("context 3 -> 6 +sendto +sendto +close; end maxtrace -> exit"), diff.out());

        Cli export = Cli.run("export", db, "--what", "traces", "--format", "jsonl");
        assertEquals(0, export.status(), export.err());
        assertTrue(export.out().startsWith("{\"process\":{\"cmd\":\"raw-ping -n 5\",\"exe\":\"/usr/local/bin/raw-ping\",\"name\":\"raw-ping\""), export.out());
        assertEquals(1, export.out().lines().count());
        assertTrue(export.out().contains("\"endReason\":\"exit\""), "--run defaults to the newest run");
    }

    @Test
    void exportKeepsOnlyTheProcessesAskedFor() {
        String db = dir.resolve("c.db").toString();
        assertEquals(0, Cli.run("import", "../samples/synthetic-threads-pidreuse-fork.jsonl", "--out", db, "--task", TASK).status());
        Cli traces = Cli.run("export", db, "--pid", "8001,8002");
        assertEquals(1, traces.out().lines().count(), traces.out());
        assertTrue(traces.out().contains("\"pid\":8002"), traces.out());
        Cli raw = Cli.run("export", db, "--what", "raw", "--pid", "8002");
        assertTrue(raw.out().lines().allMatch(l -> l.contains("\"pid\":8002") || l.contains("\"child_pid\":8002")), raw.out());
        // CSV keeps the same events as JSON: the fork where only the child matches, and the ticks
        Cli rawCsv = Cli.run("export", db, "--what", "raw", "--format", "csv", "--pid", "8002");
        assertEquals(raw.out().lines().count() + 1, rawCsv.out().lines().count(), rawCsv.out());
        assertTrue(rawCsv.out().lines().anyMatch(l -> l.contains(",fork,") && l.contains("\"\"child_pid\"\":8002")), rawCsv.out());
        assertEquals(6, raw.out().lines().count(), raw.out());
        Cli csv = Cli.run("export", db, "--what", "transitions", "--format", "csv", "--pid", "6001");
        assertEquals(1 + 3, csv.out().lines().count(), csv.out());
    }

    @Test
    void quietPrintsOnlyTheRunId() {
        String db = dir.resolve("c.db").toString();
        assertEquals("1\n", Cli.run("import", PING, "--out", db, "-q").out());
        assertEquals("2\n", Cli.run("replay", db, "--task", TASK, "-q").out());
        assertEquals(0, Cli.run("diff", db, "2", "2").status(), "a run agrees with itself");
    }

    @Test
    void everyCommandHasHelpAndVersion() {
        for (String cmd : new String[] {"import", "replay", "export", "diff"}) {
            Cli help = Cli.run(cmd, "--help");
            assertEquals(0, help.status());
            assertTrue(help.out().contains("\nUsage: syswire " + cmd), help.out());
            Cli version = Cli.run(cmd, "--version");
            assertTrue(version.out().startsWith("syswire "), version.out());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
            "unknown capability # import,PING,--out,DB,--capabilities,cap_net_rwa,--tripwires,socket # syswire: unknown capability 'cap_net_rwa' (did you mean cap_net_raw?)",
            "unknown syscall # import,PING,--out,DB,--capabilities,cap_net_raw,--tripwires,sokcet # syswire: unknown syscall 'sokcet' (did you mean socket?)",
            "bad task key # import,PING,--out,DB,--task,syswire|capabilities:cap_net_raw;tripwires:socket;maxtrac:2 # syswire: unknown task key 'maxtrac' (did you mean maxtrace?)",
            "bad maxtrace # import,PING,--out,DB,--task,TASK,--maxtrace,lots # syswire: maxtrace 'lots' is not a whole number >= 0",
            "bad condition # import,PING,--out,DB,--task,TASK,-c,process.nmae:x # syswire: unknown condition field 'process.nmae' (did you mean process.name?)",
            "missing raw log # import,nothing.jsonl,--out,DB # syswire: nothing.jsonl: no such file",
            "unknown flag # import,PING,--out,DB,--maxtrase,3 # import: unknown option '--maxtrase': did you mean --maxtrace? (see syswire import --help)",
            "missing case # replay,DB # syswire: DB: no such case file",
            "bad export format # export,DB,--format,xml # syswire: --format must be json, jsonl, csv or parquet, not 'xml'",
            "unknown command # reply,DB # syswire: unexpected argument 'reply': did you mean replay? (see syswire --help)",
    })
    void badInputIsOneLineAndExitStatusTwo(String what, String args, String message) {
        String db = dir.resolve("c.db").toString();
        String[] a = args.replace("PING", PING).replace("DB", db).replace("TASK", TASK).split(",");
        Cli r = Cli.run(a);
        assertEquals(2, r.status(), what + ": " + r.err());
        assertTrue(r.oneLineError(), what + ": " + r.err());
        assertEquals(message.replace("DB", db), r.err().strip(), what);
        assertFalse(Files.exists(dir.resolve("c.db")), what + ": nothing written");
    }

    @Test
    void aMalformedRawLogNamesItsLineAndCreatesNoCase() throws IOException {
        Path log = Files.writeString(dir.resolve("bad.jsonl"), Files.readString(Path.of(PING)) + "{\"kind\":\"syscall\",\"ts\":\"2026-11-23T10:00:09Z\"}\n");
        Cli r = Cli.run("import", log.toString(), "--out", dir.resolve("c.db").toString(), "--task", TASK);
        assertEquals(2, r.status());
        assertEquals("syswire: " + log + " line 15: missing pid\n", r.err());
        assertFalse(Files.exists(dir.resolve("c.db")));
    }

    @Test
    void badInputOnAnExistingCaseLeavesItsRunsAlone() throws IOException {
        String db = dir.resolve("c.db").toString();
        assertEquals(0, Cli.run("import", PING, "--out", db, "--task", TASK).status());
        String before = Cli.run("export", db, "--what", "raw").out();
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"kind\":\"tick\",\"ts\":\"2026-11-23T10:00:00Z\"}\nnot json\n");
        assertEquals(2, Cli.run("import", bad.toString(), "--out", db, "--append").status());
        assertEquals(2, Cli.run("replay", db, "--maxtrace", "-3").status());
        assertEquals(2, Cli.run("replay", db, "--run", "7").status());
        assertEquals(2, Cli.run("import", PING, "--out", db).status(), "refuses to touch an existing case without --append");
        assertEquals(before, Cli.run("export", db, "--what", "raw").out());
        assertTrue(Cli.run("export", db, "--what", "transitions", "--format", "csv").out().lines().count() == 4);
        Cli runs = Cli.run("replay", db, "--run", "7");
        assertEquals("syswire: " + db + " has no run 7 (runs: 1..1)\n", runs.err());
    }

    @Test
    void aFileThatIsNotACaseIsRefused() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk.db"), "this is not a database, just some text that is long enough");
        Cli r = Cli.run("export", junk.toString());
        assertEquals(2, r.status());
        assertTrue(r.oneLineError(), r.err());
        assertEquals("syswire: " + junk + " is not an H2 database file, so not a syswire case\n", r.err());
    }
}
