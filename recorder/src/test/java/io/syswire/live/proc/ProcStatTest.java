package io.syswire.live.proc;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reading /proc/PID/stat lines. */
class ProcStatTest {
    static String stat(int pid, String comm, int ppid, long startTicks) {
        return pid + " (" + comm + ") S " + ppid + " 1685 32467 0 -1 4194304 97 0 0 0 0 0 0 0 20 0 1 0 "
                + startTicks + " 3133440 353 18446744073709551615 94708429795328 94708429815209 140732256094160"
                + " 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 94708429831216 94708429832832 94708506112000"
                + " 140732256099032 140732256099052 140732256099052 140732256100331 0\n";
    }

    @Test
    void aPlainLineGivesCommPpidAndStartTicks() {
        assertEquals(Optional.of(new ProcStat("cat", 1685, 469804)),
                ProcStat.parse("1688 (cat) R 1685 1685 32467 0 -1 4194304 97 0 0 0 0 0 0 0 20 0 1 0 469804 3133440 353"
                        + " 18446744073709551615 94708429795328 94708429815209 140732256094160 0 0 0 0 0 0 0 0 0 17 1"
                        + " 0 0 0 0 0 94708429831216 94708429832832 94708506112000 140732256099032 140732256099052"
                        + " 140732256099052 140732256100331 0\n"));
    }

    @Test
    void commRunsToTheLastParenthesisSoSpacesAndParenthesesInItAreKept() {
        assertEquals(Optional.of(new ProcStat("x) (y 1 2) S ", 77, 123456)),
                ProcStat.parse(stat(4242, "x) (y 1 2) S ", 77, 123456)));
        assertEquals("()", ProcStat.parse(stat(1, "()", 0, 5)).orElseThrow().comm());
    }

    @Test
    void aKernelThreadIsAChildOfKthreadd() {
        assertEquals(Optional.of(new ProcStat("kworker/u8:1-events_unbound", 2, 31)),
                ProcStat.parse(stat(87, "kworker/u8:1-events_unbound", 2, 31)));
    }

    @Test
    void whatIsNotAStatLineIsEmpty() {
        assertEquals(Optional.empty(), ProcStat.parse(""));
        assertEquals(Optional.empty(), ProcStat.parse("1234 (cut short) S 1 2 3"));
        assertEquals(Optional.empty(), ProcStat.parse("1234 no parentheses S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20"));
        assertEquals(Optional.empty(), ProcStat.parse(stat(1, "a", 1, 5).replace(" 5 3133440", " x 3133440")));
    }
}
