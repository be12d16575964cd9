package io.syswire.rawlog;

import io.syswire.BadInputException;
import io.syswire.RandomLogs;
import io.syswire.event.RawEvent;
import io.syswire.kernel.SyscallTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The raw log file format (SPEC.md, "Raw log file format"). */
class RawLogTest {
    static final SyscallTable TABLE = SyscallTable.x86_64();

    static List<RawEvent> read(String text) throws IOException {
        List<RawEvent> out = new ArrayList<>();
        try (RawLogReader r = new RawLogReader(new BufferedReader(new StringReader(text)), "raw.jsonl", TABLE)) {
            r.drain(out::add);
        }
        return out;
    }

    static String write(List<RawEvent> events) throws IOException {
        StringWriter w = new StringWriter();
        try (RawLogWriter out = new RawLogWriter(w, TABLE)) {
            events.forEach(out::accept);
        }
        return w.toString();
    }

    @Test
    void whatIsWrittenReadsBackTheSame() throws IOException {
        for (long seed = 1; seed <= 10; seed++) {
            List<RawEvent> events = RandomLogs.generate(seed, 2000);
            io.syswire.Same.events(events, read(write(events)), "seed " + seed);
        }
    }

    @Test
    void everyKindWithOnlyItsRequiredFieldsIsAccepted() throws IOException {
        List<RawEvent> e = read("""
                {"kind":"syscall","ts":"2026-11-23T10:00:00Z","pid":1,"cap_effective":"0","cap_permitted":"2000","nr":41}
                {"kind":"syscall","ts":"2026-11-23T10:00:00.5+01:00","pid":1,"cap_effective":"0","cap_permitted":"0","syscall":"socket"}
                {"kind":"process","ts":"2026-11-23T10:00:01Z","pid":1}
                {"kind":"exec","ts":"2026-11-23T10:00:01Z","pid":1,"name":"x"}
                {"kind":"fork","ts":"2026-11-23T10:00:01Z","pid":1,"child_pid":2}
                {"kind":"exit","ts":"2026-11-23T10:00:01Z","pid":2}

                {"kind":"tick","ts":"2026-11-23T10:00:02.123456789Z","unknown":"fields are ignored"}
                """);
        assertEquals(7, e.size());
        assertEquals(-3_599_500_000_000L, e.get(1).ts() - e.get(0).ts(), "+01:00 is an hour earlier in UTC");
    }

    @Test
    void largeUnsignedRegisterValuesFit() throws IOException {
        List<RawEvent> e = read("{\"kind\":\"syscall\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":1,\"cap_effective\":\"0\","
                + "\"cap_permitted\":\"0\",\"syscall\":\"close\",\"args\":{\"fd\":18446744073709551615}}\n");
        assertEquals(-1L, ((io.syswire.event.SyscallEvent) e.get(0)).args().get("fd"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            "{\"kind\":\"syscall\" # raw.jsonl line 2: not valid JSON",
            "[1,2] # raw.jsonl line 2: a record must be a JSON object",
            "{\"kind\":\"sycall\",\"ts\":\"2026-11-23T10:00:00Z\"} # raw.jsonl line 2: unknown kind 'sycall'",
            "{\"kind\":\"tick\"} # raw.jsonl line 2: missing ts",
            "{\"kind\":\"tick\",\"ts\":\"yesterday\"} # raw.jsonl line 2: ts 'yesterday' is not an RFC 3339 timestamp",
            "{\"kind\":\"tick\",\"ts\":\"2026-02-30T10:00:00Z\"} # raw.jsonl line 2: ts '2026-02-30T10:00:00Z' is not an RFC 3339 timestamp",
            "{\"kind\":\"syscall\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":1,\"cap_effective\":\"0\",\"cap_permitted\":\"0\"} # raw.jsonl line 2: a syscall record needs syscall or nr",
            "{\"kind\":\"syscall\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":1,\"cap_effective\":\"0\",\"cap_permitted\":\"0\",\"syscall\":\"sokcet\"} # raw.jsonl line 2: unknown syscall 'sokcet' (did you mean socket?)",
            "{\"kind\":\"syscall\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":1,\"cap_effective\":\"0\",\"cap_permitted\":\"0\",\"syscall\":\"socket\",\"nr\":42} # raw.jsonl line 2: syscall 'socket' and nr 42 (connect) disagree",
            "{\"kind\":\"syscall\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":1,\"cap_effective\":\"xyz\",\"cap_permitted\":\"0\",\"nr\":1} # raw.jsonl line 2: cap_effective: capability mask 'xyz' is not hexadecimal",
            "{\"kind\":\"syscall\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":-4,\"cap_effective\":\"0\",\"cap_permitted\":\"0\",\"nr\":1} # raw.jsonl line 2: pid must be a whole number >= 0",
            "{\"kind\":\"syscall\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":1,\"cap_permitted\":\"0\",\"nr\":1} # raw.jsonl line 2: missing cap_effective",
            "{\"kind\":\"syscall\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":1,\"cap_effective\":\"0\",\"cap_permitted\":\"0\",\"nr\":1,\"args\":[1]} # raw.jsonl line 2: args must be an object of name -> value",
            "{\"kind\":\"fork\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":1} # raw.jsonl line 2: missing child_pid",
    })
    void aMalformedLineIsNamedByItsNumber(String line, String messageStart) {
        String text = "{\"kind\":\"tick\",\"ts\":\"2026-11-23T10:00:00Z\"}\n" + line + "\n";
        BadInputException e = assertThrows(BadInputException.class, () -> read(text));
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
    }

    static final String SYSCALL = "{\"kind\":\"syscall\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":1,\"cap_effective\":\"0\",\"cap_permitted\":\"0\",";

    static String bad(String text) {
        BadInputException e = assertThrows(BadInputException.class, () -> read(text));
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
        return e.getMessage();
    }

    /** Each bad value the reliability review found getting through (issue 12), with its exact message. */
    @ParameterizedTest
    @CsvSource(delimiter = '#', quoteCharacter = '`', value = {
            // timestamps: strict RFC 3339, and only what nanoseconds since the epoch in a long hold
            "{\"kind\":\"tick\",\"ts\":\"0001-01-01T00:00:00Z\"} # raw.jsonl line 1: ts '0001-01-01T00:00:00Z' is outside the nanosecond timestamps syswire holds (1677-09-21T00:12:43.145224194Z to 2262-04-11T23:47:16.854775807Z)",
            "{\"kind\":\"tick\",\"ts\":\"2262-04-11T23:47:16.854775808Z\"} # raw.jsonl line 1: ts '2262-04-11T23:47:16.854775808Z' is outside the nanosecond timestamps syswire holds (1677-09-21T00:12:43.145224194Z to 2262-04-11T23:47:16.854775807Z)",
            "{\"kind\":\"tick\",\"ts\":\"2026-11-23T10:00:00.Z\"} # raw.jsonl line 1: ts '2026-11-23T10:00:00.Z' is not an RFC 3339 timestamp",
            "{\"kind\":\"tick\",\"ts\":\"2026-11-23T10:00Z\"} # raw.jsonl line 1: ts '2026-11-23T10:00Z' is not an RFC 3339 timestamp",
            "{\"kind\":\"tick\",\"ts\":\"\uff12026-11-23T10:00:00Z\"} # raw.jsonl line 1: ts '\uff12026-11-23T10:00:00Z' is not an RFC 3339 timestamp",
            // numbers that do not fit where they go
            "{\"kind\":\"exit\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":1,\"code\":1099511627776} # raw.jsonl line 1: code 1099511627776 is outside -2147483648 to 2147483647",
            // a syscall name is the kernel's exact spelling, and must agree with nr
            "`" + SYSCALL + "\"syscall\":\"sys_read\",\"nr\":41}` # raw.jsonl line 1: unknown syscall 'sys_read' (did you mean read?)",
            "`" + SYSCALL + "\"syscall\":\"socket \",\"nr\":0}` # raw.jsonl line 1: unknown syscall 'socket ' (did you mean socket?)",
            "`" + SYSCALL + "\"syscall\":\"socket\\u0000\",\"nr\":0}` # raw.jsonl line 1: unknown syscall 'socket\\u0000' (did you mean socket?)",
            "`" + SYSCALL + "\"syscall\":\"Socket\"}` # raw.jsonl line 1: unknown syscall 'Socket' (did you mean socket?)",
            // capability masks: ASCII hex digits only
            "{\"kind\":\"syscall\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":1,\"cap_effective\":\"\uff12\uff10\uff10\uff10\",\"cap_permitted\":\"0\",\"nr\":1} # raw.jsonl line 1: cap_effective: capability mask '\uff12\uff10\uff10\uff10' is not hexadecimal",
            "{\"kind\":\"syscall\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":1,\"cap_effective\":\"+2000\",\"cap_permitted\":\"0\",\"nr\":1} # raw.jsonl line 1: cap_effective: capability mask '+2000' is not hexadecimal",
            // echoed values are escaped: no second line, no escape sequence reaches the terminal
            "`" + SYSCALL + "\"syscall\":\"re\\nad\\u001b[2J\"}` # raw.jsonl line 1: unknown syscall 're\\u000aad\\u001b[2J'",
            "{\"kind\":\"sys\\u001b]0;owned\\u0007\",\"ts\":\"2026-11-23T10:00:00Z\"} # raw.jsonl line 1: unknown kind 'sys\\u001b]0;owned\\u0007' (expected syscall, process, exec, fork, exit, tick or lost)",
            // values that would be stored as something else
            "`" + SYSCALL + "\"nr\":0,\"args\":{\"buf\":\"\\ud800\"}}` # raw.jsonl line 1: args holds a lone surrogate (\\ud800), which is no Unicode text",
            "{\"kind\":\"process\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":1,\"name\":\"a\\udc00\"} # raw.jsonl line 1: name holds a lone surrogate (\\udc00), which is no Unicode text",
            "`" + SYSCALL + "\"nr\":0,\"args\":{\"x\":1e400}}` # raw.jsonl line 1: argument value 1e400 is outside what a double holds",
    })
    void badValuesAreRefusedWithExactlyThisMessage(String line, String message) {
        assertEquals(message, bad(line + "\n"));
    }

    @Test
    void textLongerThanItsColumnInTheCaseIsRefused() {
        assertEquals("raw.jsonl line 1: name is 100000 characters long; a case holds at most 256", bad(
                "{\"kind\":\"process\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":7,\"name\":\"" + "ab".repeat(50_000) + "\"}\n"));
        assertEquals("raw.jsonl line 1: container.ID is 129 characters long; a case holds at most 128", bad(
                "{\"kind\":\"process\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":7,\"container\":{\"ID\":\"" + "f".repeat(129) + "\"}}\n"));
    }

    @Test
    void aPairedSurrogateIsText() throws IOException {
        List<RawEvent> e = read("{\"kind\":\"process\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":1,\"name\":\"\\ud83d\\ude00\"}\n");
        assertEquals("\ud83d\ude00", ((io.syswire.event.ProcessEvent) e.get(0)).info().name());
    }

    @Test
    void lostCountsThatAddUpPastALongAreRefused() {
        String lost = "{\"kind\":\"lost\",\"ts\":\"2026-11-23T10:00:00Z\",\"count\":4611686018427387904}\n";
        assertEquals("raw.jsonl line 2: the lost counts add up to more than 9223372036854775807 records", bad(lost + lost));
    }

    @Test
    void aMegabyteValueIsCutInTheMessageAndRefusedAtOnce() {
        String huge = "x".repeat(1_000_000);
        long start = System.nanoTime();
        String m = bad(SYSCALL + "\"syscall\":\"" + huge + "\"}\n");
        assertEquals("raw.jsonl line 1: unknown syscall '" + "x".repeat(80) + "…'", m);
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "no edit distance over a megabyte");
    }

    @Test
    void aLineLongerThanAMebibyteIsRefusedByItsNumberWithoutReadingTheRest() {
        String text = "{\"kind\":\"tick\",\"ts\":\"2026-11-23T10:00:00Z\"}\n" + "\0".repeat(RawLines.MAX_LINE + 1);
        assertEquals("raw.jsonl line 2: longer than 1048576 bytes (a raw log line is at most 1 MiB)", bad(text));
    }

    @Test
    void invalidUtf8IsReportedOnTheLineThatHoldsIt() throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 5000; i++) {
            b.writeBytes("{\"kind\":\"tick\",\"ts\":\"2026-11-23T10:00:00Z\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        b.writeBytes(new byte[] {'{', '"', (byte) 0xC3, '"', '}', '\n'});
        try (RawLogReader r = new RawLogReader(new java.io.ByteArrayInputStream(b.toByteArray()), "raw.jsonl", TABLE)) {
            BadInputException e = assertThrows(BadInputException.class, () -> r.drain(x -> { }));
            assertEquals("raw.jsonl line 5001: not valid UTF-8", e.getMessage());
        }
    }
}
