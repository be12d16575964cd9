package io.syswire.shell;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shell in scripts: -e, -f and piped statements; output fit for scripts; exit status 0 or 1. */
class ScriptModeTest {
    @TempDir
    Path dir;

    Path db;

    @BeforeEach
    void aCase() {
        db = Cases.imported(dir, "dormant-benign-maxage");
    }

    @Test
    void csvModeThenAQueryPrintsPlainCsvAndExitsZero() {
        Cases.Cli r = Cases.shell(db, ".mode csv", "select pid from traces");
        assertEquals(0, r.status(), r.err());
        assertEquals("pid\r\n5002\r\n5002\r\n", r.out(), "no banner, no prompt, no colour: only the rows");
        assertEquals("", r.err());
    }

    @Test
    void statementsPipedOnStandardInputRunInOrder() throws IOException {
        Cases.Cli r = Cases.piped(db, "select 1;\n.mode csv\nselect count(*) as n\n  from traces;\n");
        assertEquals(0, r.status(), r.err());
        assertEquals("""
                +---+
                | 1 |
                +---+
                | 1 |
                +---+
                (1 row)
                n\r
                2\r
                """, r.out());
    }

    @Test
    void oneFailingStatementIsOneLineTheRestStillRunAndTheStatusIsOne() {
        Cases.Cli r = Cases.shell(db, ".mode csv", "select * from tracez", "select count(*) as n from traces");
        assertEquals(1, r.status());
        assertTrue(r.oneLineError(), r.err());
        assertEquals("error: Table \"TRACEZ\" not found (did you mean traces?): .tables lists them\n", r.err());
        assertEquals("n\r\n2\r\n", r.out(), "the statement after the failing one ran");
    }

    @Test
    void bailStopsAtTheFirstFailure() {
        Cases.Cli r = Cases.cli("shell", db.toString(), "--bail", "-e", "selec 1", "-e", "select 2");
        assertEquals(1, r.status());
        assertTrue(r.oneLineError(), r.err());
        assertTrue(r.err().startsWith("error: Syntax error in SQL statement"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void scriptFilesNameTheLineOfAFailingStatementAndMixWithEInOrder() throws IOException {
        Path script = Files.writeString(dir.resolve("q.sql"), """
                -- traces per process
                select process_name, count(*) as n
                  from traces group by process_name;

                select nothing
                  from traces;
                """);
        Cases.Cli r = Cases.cli("shell", db.toString(), "-e", ".mode csv", "-f", script.toString(), "-e", "select 'last' as x");
        assertEquals(1, r.status());
        assertEquals("process_name,n\r\npinger,2\r\nx\r\nlast\r\n", r.out());
        assertEquals("error: " + script + " line 5: Column \"NOTHING\" not found\n", r.err());
    }

    @Test
    void aScriptMayEndWithoutItsLastSemicolon() throws IOException {
        Cases.Cli r = Cases.piped(db, ".mode csv\nselect 42 as answer");
        assertEquals(0, r.status(), r.err());
        assertEquals("answer\r\n42\r\n", r.out());
    }

    @Test
    void semicolonsInsideQuotesAndCommentsDoNotEndAStatement() {
        Cases.Cli r = Cases.shell(db, ".mode csv", "select 'a;b' as \"x;y\" -- ; not the end\n; select 2 as two");
        assertEquals(0, r.status(), r.err());
        assertEquals("x;y\r\na;b\r\ntwo\r\n2\r\n", r.out());
    }

    @Test
    void everyModeIsAPluggableRowWriter() {
        assertEquals("[ {\n  \"pid\" : 5002,\n  \"end_reason\" : \"maxage\"\n} ]\n",
                Cases.shell(db, ".mode json", "select pid, end_reason from traces where trace_id = 1").out());
        assertEquals("{\"pid\":5002,\"end_reason\":\"maxage\"}\n",
                Cases.shell(db, ".mode jsonl", "select pid, end_reason from traces where trace_id = 1").out());
        assertEquals("| pid | end_reason |\n| ---: | --- |\n| 5002 | maxage |\n",
                Cases.shell(db, ".mode markdown", "select pid, end_reason from traces where trace_id = 1").out());
        assertEquals("       pid = 5002\nend_reason = maxage\n",
                Cases.shell(db, ".mode line", "select pid, end_reason from traces where trace_id = 1").out());
        Cases.Cli bad = Cases.shell(db, ".mode xml");
        assertEquals(1, bad.status());
        assertEquals("error: no mode 'xml': use table, csv, json, jsonl, markdown, line\n", bad.err());
    }

    @Test
    void outputGoesToAFileUntilOutputAloneAndNeverOverwrites() throws IOException {
        Path file = dir.resolve("pids.csv");
        Cases.Cli r = Cases.shell(db, ".mode csv", ".output " + file, "select pid from traces where trace_id = 1",
                ".output", "select 'back' as here");
        assertEquals(0, r.status(), r.err());
        assertEquals("pid\r\n5002\r\n", Files.readString(file));
        assertTrue(r.out().endsWith("here\r\nback\r\n"), r.out());
        Cases.Cli again = Cases.shell(db, ".output " + file);
        assertEquals(1, again.status());
        assertEquals("error: " + file + " already exists: .output --append " + file + " adds to it\n", again.err());
        assertEquals(0, Cases.shell(db, ".mode csv", ".output --append " + file, "select 1 as one").status());
        assertEquals("pid\r\n5002\r\none\r\n1\r\n", Files.readString(file));
    }

    @Test
    void dotCommandsShowRunsTracesTransitionsAndOneTraceAsPrettyJson() {
        Cases.Cli r = Cases.shell(db, ".mode csv", ".runs", ".traces", ".transitions 5001");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("run_id,kind,parent,status,raw_events,lost_events,traces,transitions,config\r\n"
                + "1,import,,complete,33,0,2,8,capabilities:cap_net_raw;tripwires:socket;"), r.out());
        assertTrue(r.out().contains("trace_id,pid,process_name,tripwire,tripwire_ts,context,end_reason,complete\r\n"
                + "1,5002,pinger,socket,2026-11-23T10:00:02.500Z,sendto,maxage,true\r\n"), r.out());
        assertTrue(r.out().contains("seq,ts,pid,process_name,from_state,to_state,cause,syscall,trace_id\r\n"
                + "1,2026-11-23T10:00:00.500Z,5001,curl,Unknown,Benign,tripwire,socket,\r\n"
                + "4,2026-11-23T10:00:10Z,5001,curl,Benign,Unknown,maxage,,\r\n"), r.out());

        Cases.Cli show = Cases.shell(db, ".show 2");
        assertEquals(0, show.status(), show.err());
        assertTrue(show.out().startsWith("{\n  \"process\" : {\n    \"cmd\" : \"pinger --lazy\","), show.out());
        assertTrue(show.out().contains("\"tripwire\" : {\n    \"syscall\" : \"socket\""), show.out());
        assertTrue(show.out().contains("\"endReason\" : \"end\""), show.out());

        Cases.Cli missing = Cases.shell(db, ".show 9");
        assertEquals("error: run 1 has no trace 9 (traces: .traces 1)\n", missing.err());
    }

    @Test
    void replayDiffAndExportShareTheCommandLinesOptions() throws IOException {
        Cases.Cli r = Cases.shell(db, ".replay --maxtrace 0 --context sendto", ".diff 1 2", ".mode csv", ".traces 2");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("run 2 (replay of run 1): 33 events, 3 traces, 11 transitions, 0 lost, "), r.out());
        assertTrue(r.out().contains("  context: close+sendto -> sendto\n  maxtrace: 3 -> 0\n"), r.out());
        assertTrue(r.out().contains("context 1 -> 0 -sendto; end maxage -> maxtrace"), r.out());
        assertTrue(r.out().contains("1,5002,pinger,socket,2026-11-23T10:00:02.500Z,,maxtrace,true\r\n"), r.out());

        Path out = dir.resolve("t.csv");
        Cases.Cli export = Cases.shell(db, ".export " + out + " --run 1 --what transitions --format csv");
        assertEquals(0, export.status(), export.err());
        assertEquals("wrote 8 transitions to " + out + "\n", export.out());
        assertEquals(Cases.cli("export", db.toString(), "--run", "1", "--what", "transitions", "--format", "csv").out(),
                Files.readString(out), "the same bytes as syswire export");

        Cases.Cli typo = Cases.shell(db, ".replay --maxtrase 3", ".export " + out, ".diff 1");
        assertEquals(1, typo.status());
        assertEquals("""
                error: .replay: unknown option '--maxtrase': did you mean --maxtrace? (see .replay --help)
                error: %s already exists
                error: .diff: Missing required parameter: 'RUN_B' (see .diff --help)
                """.formatted(out), typo.err());
        assertEquals("n\r\n2\r\n", Cases.shell(db, ".mode csv", "select count(*) as n from runs").out(),
                "the failed replay added no run");
    }

    @Test
    void helpListsTheDotCommandsAndEachHasUsage() {
        Cases.Cli help = Cases.shell(db, ".help");
        assertEquals(0, help.status(), help.err());
        for (String cmd : new String[] {".runs", ".traces [RUN]", ".show TRACE_ID", ".transitions [PID]", ".replay",
                ".diff RUN_A RUN_B", ".export FILE", ".mode [MODE]", ".output [FILE]", ".timer [on|off]",
                ".schema [TABLE]", ".tables", ".quit", ".set [KEY] [VALUE]"}) {
            assertTrue(help.out().contains("\n" + cmd + " "), cmd + " in\n" + help.out());
        }
        Cases.Cli usage = Cases.shell(db, ".replay --help");
        assertTrue(usage.out().startsWith("Usage: .replay "), usage.out());
        assertTrue(usage.out().contains("--maxtrace=N"), usage.out());
        Cases.Cli unknown = Cases.shell(db, ".rnus");
        assertEquals("error: no command .rnus (did you mean .runs?): .help lists them\n", unknown.err());
    }

    @Test
    void tablesSchemaAndTheTimer() {
        Cases.Cli r = Cases.shell(db, ".mode csv", ".tables", ".schema trace_summary", ".timer on", "select 1 as one");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("dormant_processes,view,processes with an elevated capability permitted but not effective at a tripwire\r\n"), r.out());
        assertTrue(r.out().contains("column_name,type,nulls\r\nrun_id,integer,null\r\ntrace_id,integer,null\r\n"), r.out());
        assertTrue(r.out().matches("(?s).*one\r\n1\r\nTime: \\d+\\.\\d{3} ms\n"), r.out());
        assertEquals("error: no table or view 'trace' (did you mean traces?): .tables lists them\n",
                Cases.shell(db, ".schema trace").err());
    }

    @Test
    void aCaseThatCannotBeOpenedIsOneLineAndExitStatusTwo() throws IOException {
        Cases.Cli missing = Cases.shell(dir.resolve("none.db"), "select 1");
        assertEquals(2, missing.status());
        assertEquals("syswire: " + dir.resolve("none.db") + ": no such case file\n", missing.err());

        Path junk = Files.writeString(dir.resolve("junk.db"), "not a database, just some text that is long enough");
        Cases.Cli notCase = Cases.shell(junk, "select 1");
        assertEquals(2, notCase.status());
        assertTrue(notCase.oneLineError(), notCase.err());

        Cases.Cli noScript = Cases.cli("shell", db.toString(), "-f", dir.resolve("none.sql").toString());
        assertEquals(2, noScript.status());
        assertEquals("syswire: " + dir.resolve("none.sql") + ": no such script file\n", noScript.err());
        assertFalse(noScript.err().contains("Exception"));
    }
}
