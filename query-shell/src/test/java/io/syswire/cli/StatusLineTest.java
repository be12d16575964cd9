package io.syswire.cli;

import io.syswire.live.LiveSource;
import io.syswire.machine.MachineStats;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The status line on a terminal, and trace lines printed while it shows. */
class StatusLineTest {
    static final LiveSource.Progress TWO_SECONDS = new LiveSource.Progress(2_000_000_000L, 10, 10, 0, 0);
    static final MachineStats ONE_TRACE = new MachineStats(10, 1, 3, 0, 0, 1);

    @Test
    void isRedrawnInPlace() {
        StringWriter err = new StringWriter();
        StatusLine status = new StatusLine(new PrintWriter(err), true);
        status.update(TWO_SECONDS, ONE_TRACE);
        assertEquals("\rrecording 0:00:02  events 10 (5/s)  traces 1  transitions 3  lost 0", err.toString());
    }

    @Test
    void aTraceLineTakesTheStatusLineAwayFirstSoTheyNeverRunTogether() {
        StringWriter terminal = new StringWriter(); // stdout and stderr on one terminal
        PrintWriter both = new PrintWriter(terminal, true);
        StatusLine status = new StatusLine(both, true);
        status.update(TWO_SECONDS, ONE_TRACE);
        int drawn = terminal.getBuffer().length() - 1; // the line after its leading \r
        status.linesAbove(both).println("{\"traceId\":1}");
        String after = terminal.toString().substring(terminal.toString().indexOf("lost 0") + "lost 0".length());
        assertEquals("\r" + " ".repeat(drawn) + "\r{\"traceId\":1}" + System.lineSeparator(), after);
    }

    @Test
    void withoutATerminalNothingIsDrawnAndLinesGoStraightOut() {
        StringWriter err = new StringWriter();
        StatusLine status = new StatusLine(new PrintWriter(err), false);
        status.update(TWO_SECONDS, ONE_TRACE);
        status.clear();
        PrintWriter out = new PrintWriter(new StringWriter());
        assertSame(out, status.linesAbove(out));
        assertTrue(err.toString().isEmpty());
    }
}
