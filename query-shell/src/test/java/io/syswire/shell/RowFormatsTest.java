package io.syswire.shell;

import io.syswire.output.rows.Column;
import io.syswire.output.rows.RowWriter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The human-readable formats of .mode: what an analyst sees for a result. */
class RowFormatsTest {
    static final List<Column> COLUMNS = List.of(new Column("PID", Column.Kind.NUMBER), new Column("NAME", Column.Kind.TEXT),
            new Column("ARGS", Column.Kind.JSON));

    private static String print(OutputMode mode, Layout layout, long omitted, Object[]... rows) throws IOException {
        StringWriter out = new StringWriter();
        RowWriter w = mode.writer(out, layout);
        w.start(COLUMNS);
        for (Object[] r : rows) {
            w.row(r);
        }
        w.end(omitted);
        return out.toString();
    }

    @Test
    void aTableAlignsColumnsAndRightAlignsNumbers() throws IOException {
        assertEquals("""
                +------+--------+--------------+
                | pid  | name   | args         |
                +------+--------+--------------+
                | 5002 | pinger | {"family":2} |
                |   17 | NULL   | NULL         |
                +------+--------+--------------+
                (2 rows)
                """, print(OutputMode.TABLE, new Layout(0, "NULL", true), 0,
                new Object[] {5002L, "pinger", "{\"family\":2}"}, new Object[] {17L, null, null}));
    }

    @Test
    void aTableWiderThanTheTerminalCutsItsWidestColumnsWithAMarker() throws IOException {
        String wide = "x".repeat(100);
        String out = print(OutputMode.TABLE, new Layout(40, "", true), 0, new Object[] {1L, "curl", wide});
        for (String line : out.split("\n")) {
            if (line.startsWith("|") || line.startsWith("+")) {
                assertEquals(40, line.length(), line);
            }
        }
        assertEquals("|   1 | curl | " + "x".repeat(22) + "… |", out.split("\n")[3]);
        assertEquals("|   1 | curl | " + "x".repeat(22) + "~ |",
                print(OutputMode.TABLE, new Layout(40, "", false), 0, new Object[] {1L, "curl", wide}).split("\n")[3],
                "an ASCII terminal gets an ASCII marker");
    }

    @Test
    void controlCharactersInCapturedDataAreShownEscapedNeverSentToTheTerminal() throws IOException {
        String out = print(OutputMode.TABLE, new Layout(0, "", true), 0, new Object[] {1L, "evil\u001b[2J\nname\u202e", null});
        assertEquals("|   1 | evil\\u001b[2J\\nname\\u202e |      |", out.split("\n")[3]);
        String line = print(OutputMode.LINE, new Layout(0, "", true), 0, new Object[] {1L, "a\tb", null});
        assertEquals(" pid = 1\nname = a\\tb\nargs = \n", line);
    }

    @Test
    void aLimitedTableSaysHowManyRowsWereLeftOut() throws IOException {
        String out = print(OutputMode.TABLE, new Layout(0, "", true), 98, new Object[] {1L, "a", null}, new Object[] {2L, "b", null});
        assertEquals("(2 of 100 rows shown: .set maxrows 0 shows all, or use LIMIT)\n", out.lines().reduce((a, b) -> b).orElseThrow() + "\n");
        assertEquals("(1 row)\n", TableRows.footer(1, 0));
    }

    @Test
    void columnsShareTheWidthTheWidestGivingWayFirst() {
        assertArrayEquals(new int[] {3, 10, 10}, TableRows.fit(new int[] {3, 50, 60}, 23));
        assertArrayEquals(new int[] {3, 5, 6}, TableRows.fit(new int[] {3, 5, 6}, 23), "what fits is left alone");
        assertArrayEquals(new int[] {4, 4, 4, 4}, TableRows.fit(new int[] {9, 9, 9, 9}, 10), "never narrower than 4: it wraps then");
    }

    @Test
    void lineModeIsOneColumnPerLineAndMarkdownEscapesPipes() throws IOException {
        assertEquals(" pid = 5002\nname = pinger\nargs = NULL\n\n pid = 1\nname = a\nargs = NULL\n",
                print(OutputMode.LINE, new Layout(0, "NULL", true), 0, new Object[] {5002L, "pinger", null}, new Object[] {1L, "a", null}));
        assertEquals("| pid | name | args |\n| ---: | --- | --- |\n| 1 | a\\|b |  |\n",
                print(OutputMode.MARKDOWN, new Layout(0, "", true), 0, new Object[] {1L, "a|b", null}));
    }

    @Test
    void wideCharactersCountTwoColumns() {
        assertEquals(4, Cells.width("日本"));
        assertEquals("日…", Cells.fit("日本語", 3, "…"));
    }

    @Test
    void theProgressBarFitsItsLine() {
        assertEquals("replaying run 1 [##########..............................]  25%  1,000 of 4,000 events",
                ProgressBar.line("replaying run 1", 1000, 4000, 120));
        assertEquals(39, ProgressBar.line("replaying run 1", 1000, 4000, 40).length());
    }
}
