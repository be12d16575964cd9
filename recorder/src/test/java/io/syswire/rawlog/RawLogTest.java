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
}
