package io.syswire.shell;

import org.jline.reader.Candidate;
import org.jline.reader.EOFError;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser.ParseContext;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tab completion and multi-line input. Tab inserts the first candidate (JLine's order:
 * rank, then value) and cycles; so "first" below is what a user gets on the first Tab.
 */
class CompletionTest {
    @TempDir
    Path dir;

    CaseSession session;
    ShellCompleter completer;
    LineReader reader;
    Terminal terminal;
    final SqlParser parser = new SqlParser();

    @BeforeEach
    void open() throws Exception {
        Path db = Cases.imported(dir, "dormant-benign-maxage");
        session = CaseSession.open(io.syswire.store.CaseFile.at(db), false, q -> false);
        Console console = Console.of(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        Catalog catalog = Catalog.load(session.store().connection());
        Shell shell = new Shell(new ShellContext(session, console, new ShellSettings()), catalog);
        completer = new ShellCompleter(new SqlCompleter(catalog), new DotCompleter(shell.commands(), session::store, catalog));
        terminal = new DumbTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
        reader = LineReaderBuilder.builder().terminal(terminal).parser(parser).build();
    }

    @AfterEach
    void close() throws IOException {
        session.close();
        terminal.close();
    }

    /** The candidates for the buffer with the cursor at |, in the order Tab offers them, that fit the word typed. */
    private List<String> complete(String typed) {
        int cursor = typed.indexOf('|');
        String buffer = typed.replace("|", "");
        var line = parser.parse(buffer, cursor < 0 ? buffer.length() : cursor, ParseContext.COMPLETE);
        List<Candidate> out = new ArrayList<>();
        completer.complete(reader, line, out);
        String word = line.word().substring(0, line.wordCursor()).toLowerCase();
        return out.stream().filter(c -> c.value().toLowerCase().startsWith(word)).sorted(Comparator.naturalOrder())
                .map(Candidate::value).toList();
    }

    private String first(String typed) {
        List<String> all = complete(typed);
        return all.isEmpty() ? null : all.get(0);
    }

    @Test
    void keywordsCompleteInTheCaseTheyAreTyped() {
        assertEquals(List.of("select"), complete("sel"));
        assertEquals("SELECT", first("SEL"));
        assertEquals("where", first("select pid from traces whe"));
        assertEquals("when", first("select case whe"), "inside CASE, its own words lead");
    }

    @Test
    void afterFromTheTablesComeFirstAndTheShortestNameLeads() {
        assertEquals(List.of("traces", "trace_events", "trace_summary", "traces_per_process"),
                complete("select count(*) from trac").subList(0, 4));
        assertEquals("transitions", first("select * from traces, tran"));
        assertEquals("raw_events", first("select * from traces t join raw_e"));
    }

    @Test
    void columnsComeFromTheTablesTheStatementNames() {
        assertEquals(List.of("tripwire_ts", "tripwire_tid", "tripwire_syscall"), complete("select tripw| from traces"));
        assertEquals(List.of("t.pid", "t.ppid", "t.pod_uid", "t.proc_no"), complete("select t.p| from processes t"));
        assertTrue(complete("select e.sys| from trace_events e join traces t on t.trace_id = e.trace_id").contains("e.syscall"));
        assertEquals(List.of("end_reason"), complete("select * from traces where end_r"));
    }

    @Test
    void nothingIsOfferedInsideAStringOrComment() {
        assertEquals(List.of(), complete("select 'sel"));
        assertEquals(List.of(), complete("select 1 -- sel"));
    }

    @Test
    void dotCommandsAndTheirOptionsComplete() {
        assertEquals(List.of(".replay"), complete(".rep"));
        assertEquals(List.of(".timer", ".tables", ".traces", ".transitions"), complete(".t"));
        assertTrue(complete(".replay --").containsAll(List.of("--run", "--maxtrace", "--tripwires", "--context", "--capabilities")));
        assertEquals(List.of("csv"), complete(".mode c"));
        assertEquals(List.of("--pid", "--run", "--help", "--what", "--format"), complete(".export out.csv --"));
        assertEquals(List.of("raw"), complete(".export out.csv --what r"));
        assertEquals(List.of("on", "off"), complete(".timer "));
    }

    @Test
    void replayOptionsCompleteSyscallAndCapabilityNames() {
        assertEquals("socket", first(".replay --tripwires sock"));
        assertTrue(complete(".replay --context sendto+cl").contains("sendto+close"));
        assertEquals(List.of("cap_net_raw"), complete(".replay --capabilities cap_net_r"));
        assertEquals(List.of("--capabilities=cap_sys_ptrace"), complete(".replay --capabilities=cap_sys_pt"));
        assertEquals(List.of("process.name:"), complete(".replay -c process.n"));
    }

    @Test
    void runAndTraceIdsComeFromTheCase() {
        assertEquals("1", first(".traces "));
        assertEquals(List.of("1", "2"), complete(".show "));
        assertEquals(List.of("5001", "5002"), complete(".transitions 50"));
        assertEquals(List.of("1"), complete(".show 1 --run "));
    }

    @Test
    void enterContinuesAStatementUntilItsSemicolonOutsideQuotes() {
        assertThrows(EOFError.class, () -> parser.parse("select 1", 8, ParseContext.ACCEPT_LINE));
        assertThrows(EOFError.class, () -> parser.parse("select ';'", 10, ParseContext.ACCEPT_LINE));
        assertThrows(EOFError.class, () -> parser.parse("select 1 /* ; */", 16, ParseContext.ACCEPT_LINE));
        assertThrows(EOFError.class, () -> parser.parse("select 1; select\n 2", 19, ParseContext.ACCEPT_LINE));
        assertDoesNotThrow(() -> parser.parse("select\n  1;", 11, ParseContext.ACCEPT_LINE));
        assertDoesNotThrow(() -> parser.parse(".mode csv", 9, ParseContext.ACCEPT_LINE));
        assertDoesNotThrow(() -> parser.parse("", 0, ParseContext.ACCEPT_LINE));
        assertDoesNotThrow(() -> parser.parse("-- just a note", 14, ParseContext.ACCEPT_LINE));
    }

    @Test
    void statementsSplitAtSemicolonsAndDotCommandsAtTheirLineEnd() {
        Statements.Split s = Statements.split("select 1; select ';' ;\n.mode csv\nselect 2 -- two;\n");
        assertEquals(List.of("select 1", "select ';'", ".mode csv"), s.complete().stream().map(Statements.Piece::text).toList());
        assertEquals("select 2 -- two;\n", s.rest());
        assertEquals(List.of(".tables"), Statements.all(".tables;").stream().map(Statements.Piece::text).toList());
    }

    @Test
    void keywordsStringsAndCommandsAreHighlighted() {
        var h = new SqlHighlighter().highlight(reader, "select 'x' from t; .mode csv");
        String ansi = h.toAnsi();
        assertTrue(ansi.contains("\u001b[34;1mselect"), ansi);
        assertTrue(ansi.contains("\u001b[32m'x'"), ansi);
        assertTrue(ansi.contains("\u001b[35;1m.mode"), ansi);
        assertTrue(ansi.contains(" t; "), ansi);
    }
}
