package io.syswire.cli;

import io.syswire.JavaProcess;
import io.syswire.hostile.Hostile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input through the command line (issue 12): every one is one line on stderr, exit status
 * 2, no stack trace, no new file, and an existing case byte for byte as it was.
 */
class BadInputTest {
    static final String TASK = "syswire|capabilities:cap_net_raw;tripwires:socket;context:sendto+close;maxtrace:3";
    static final String PING = "../samples/synthetic-ping.jsonl";
    static final String SYSCALL = "{\"kind\":\"syscall\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":1,\"cap_effective\":\"0\",\"cap_permitted\":\"0\",";

    @TempDir
    Path dir;
    Path existing;
    String before;

    @BeforeEach
    void anExistingCase() throws IOException {
        existing = dir.resolve("case.db");
        assertEquals(0, Cli.run("import", PING, "--out", existing.toString(), "--task", TASK).status());
        before = Hostile.sha256(existing);
    }

    /** Imports the log into a new file and appends it to the case: both refused with this message, nothing written. */
    void refused(String log, String message, String... extra) throws IOException {
        Path in = Files.writeString(dir.resolve("in.jsonl"), log);
        Path fresh = dir.resolve("new.db");
        for (boolean append : new boolean[] {false, true}) {
            List<String> args = new ArrayList<>(List.of("import", in.toString(), "--out", (append ? existing : fresh).toString()));
            if (append) {
                args.add("--append");
            }
            args.addAll(List.of(extra));
            Cli r = Cli.run(args.toArray(new String[0]));
            assertEquals(2, r.status(), r.err());
            assertEquals("syswire: " + message.replace("IN", in.toString()) + "\n", r.err());
            assertTrue(r.oneLineError(), r.err());
            assertFalse(Files.exists(fresh), "no new file is left");
            assertEquals(before, Hostile.sha256(existing), "the existing case is unchanged");
        }
    }

    @Test
    void aTimestampOutsideNanosecondsOrNotStrictlyRfc3339() throws IOException {
        refused("{\"kind\":\"tick\",\"ts\":\"0001-01-01T00:00:00Z\"}\n", "IN line 1: ts '0001-01-01T00:00:00Z' is outside the "
                + "nanosecond timestamps syswire holds (1677-09-21T00:12:43.145224194Z to 2262-04-11T23:47:16.854775807Z)");
        refused("{\"kind\":\"tick\",\"ts\":\"2026-11-23T10:00:00.Z\"}\n", "IN line 1: ts '2026-11-23T10:00:00.Z' is not an RFC 3339 timestamp");
    }

    @Test
    void numbersThatDoNotFit() throws IOException {
        refused("{\"kind\":\"exit\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":1,\"code\":1099511627776}\n",
                "IN line 1: code 1099511627776 is outside -2147483648 to 2147483647");
        String lost = "{\"kind\":\"lost\",\"ts\":\"2026-11-23T10:00:00Z\",\"count\":4611686018427387904}\n";
        refused(lost + lost, "IN line 2: the lost counts add up to more than 9223372036854775807 records");
    }

    @Test
    void aSyscallNameThatIsNotTheKernelsSpelling() throws IOException {
        refused(SYSCALL + "\"syscall\":\"sys_read\",\"nr\":41}\n", "IN line 1: unknown syscall 'sys_read' (did you mean read?)");
        refused(SYSCALL + "\"syscall\":\"socket \",\"nr\":0}\n", "IN line 1: unknown syscall 'socket ' (did you mean socket?)");
        refused(SYSCALL + "\"syscall\":\"socket\\u0000\",\"nr\":0}\n", "IN line 1: unknown syscall 'socket\\u0000' (did you mean socket?)");
    }

    @Test
    void invalidUtf8IsReportedOnItsLine() throws IOException {
        String good = Files.readString(Path.of(PING));
        Path in = dir.resolve("bad.jsonl");
        byte[] head = good.getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'{', '"', 'k', (byte) 0xff, '"', '}', '\n'};
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        Files.write(in, all);
        long line = good.lines().count() + 1;
        Cli r = Cli.run("import", in.toString(), "--out", dir.resolve("new.db").toString());
        assertEquals(2, r.status());
        assertEquals("syswire: " + in + " line " + line + ": not valid UTF-8\n", r.err());
        assertFalse(Files.exists(dir.resolve("new.db")));
    }

    @Test
    void digitsOfOtherScriptsAndAPlusSign() throws IOException {
        refused(SYSCALL.replace("\"cap_effective\":\"0\"", "\"cap_effective\":\"\uff12\uff10\uff10\uff10\"") + "\"nr\":1}\n",
                "IN line 1: cap_effective: capability mask '\uff12\uff10\uff10\uff10' is not hexadecimal");
        refused(SYSCALL.replace("\"cap_effective\":\"0\"", "\"cap_effective\":\"+2000\"") + "\"nr\":1}\n",
                "IN line 1: cap_effective: capability mask '+2000' is not hexadecimal");
        String log = Files.readString(Path.of(PING));
        refused(log, "maxtrace '\u0663' is not a whole number >= 0", "--task", TASK.replace("maxtrace:3", "maxtrace:\u0663"));
        refused(log, "maxage '\uff11\uff10' is not a duration (e.g. 30, 30s, 500ms, 2m)", "--task", TASK + ";maxage:\uff11\uff10");
        refused(log, "condition 'process.pid:\u0664\u0662\u0664\u0662': pid must be a positive number or *", "--task", TASK,
                "-c", "process.pid:\u0664\u0662\u0664\u0662");
        Cli r = Cli.run("record", "--out", dir.resolve("r.db").toString(), "--task", TASK, "--ring-size", "+64");
        assertEquals("record: Invalid value for option '--ring-size': '+64' is not a whole number (ASCII digits) (see syswire record --help)\n", r.err());
        assertEquals(2, r.status());
    }

    @Test
    void echoedValuesAreEscapedAndCut() throws IOException {
        refused(SYSCALL + "\"syscall\":\"re\\nad\\u001b[2J\"}\n", "IN line 1: unknown syscall 're\\u000aad\\u001b[2J'");
        String log = Files.readString(Path.of(PING));
        refused(log, "maxtrace '3\\u000a\\u001b[31m' is not a whole number >= 0", "--task", TASK, "--maxtrace", "3\n\u001b[31m");
        refused(SYSCALL + "\"syscall\":\"" + "x".repeat(1_000_000) + "\"}\n", "IN line 1: unknown syscall '" + "x".repeat(80) + "…'");
    }

    @Test
    void valuesThatWouldBeStoredAsSomethingElse() throws IOException {
        refused(SYSCALL + "\"nr\":0,\"args\":{\"buf\":\"\\ud800\"}}\n", "IN line 1: args holds a lone surrogate (\\ud800), which is no Unicode text");
        refused(SYSCALL + "\"nr\":0,\"args\":{\"x\":1e400}}\n", "IN line 1: argument value 1e400 is outside what a double holds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "syswire|", ";;;"})
    void anEmptyTaskIsAnErrorNotNoConfiguration(String task) throws IOException {
        refused(Files.readString(Path.of(PING)), "the task string '" + task + "' has no settings (expected syswire|capabilities:...;tripwires:...)",
                "--task", task);
    }

    @Test
    void anEmptyConditionIsAnErrorNotNoScope() throws IOException {
        refused(Files.readString(Path.of(PING)), "condition '' is empty (expected field:value, e.g. process.name:~nginx)", "--task", TASK, "-c", "");
    }

    @Test
    void aTinyEvictrateIsRefusedAtOnce() throws IOException {
        String log = Files.readString(Path.of(PING));
        refused(log, "evictrate '1e-9' is not a duration (e.g. 30, 30s, 500ms, 2m)", "--task", TASK + ";evictrate:1e-9");
        refused(log, "evictrate must be at least 1ms, not '0.000000001'", "--task", TASK + ";evictrate:0.000000001");
    }

    static String named(String name) {
        return "{\"kind\":\"process\",\"ts\":\"2026-11-23T10:00:00Z\",\"pid\":7,\"name\":\"" + name + "\"}\n"
                + SYSCALL.replace("\"pid\":1", "\"pid\":7") + "\"syscall\":\"socket\"}\n";
    }

    @Test
    void aHundredThousandCharacterProcessNameIsRefusedBeforeAnyRegexMeetsIt() throws IOException {
        refused(named("ab".repeat(50_000)), "IN line 1: name is 100000 characters long; a case holds at most 256",
                "--task", TASK, "-c", "process.name:~(a|b)*c");
    }

    static final String SLOW = "process.name:~(x+x+x+)+y"; // about 700 million steps on 256 x's, were it not stopped
    static final String TOO_SLOW = "condition 'process.name:~(x+x+x+)+y' took more than 50000000 steps matching a 256-character "
            + "process.name: simplify the regular expression";

    @Test
    void aRegexThatWouldBacktrackForeverIsStoppedAndTheImportWritesNothing() throws IOException {
        refused(named("x".repeat(256)), TOO_SLOW, "--task", TASK, "-c", SLOW);
    }

    @Test
    void aReplayWithSuchARegexIsRefusedBeforeTheCaseIsOpenedForWriting() throws IOException {
        Path in = Files.writeString(dir.resolve("in.jsonl"), named("x".repeat(256)));
        Path db = dir.resolve("names.db");
        assertEquals(0, Cli.run("import", in.toString(), "--out", db.toString(), "--task", TASK).status());
        String sha = Hostile.sha256(db);
        Cli r = Cli.run("replay", db.toString(), "-c", SLOW);
        assertEquals(2, r.status(), r.err());
        assertEquals("syswire: " + TOO_SLOW + "\n", r.err());
        assertEquals(sha, Hostile.sha256(db));
    }

    @Test
    void threeHundredMegabytesOfNulsOnStdinWithASmallHeapIsRefusedAtTheLineLimit() throws Exception {
        Path out = dir.resolve("nul.db");
        List<String> cmd = new ArrayList<>(List.of(JavaProcess.java(), "-Xmx48m", "-cp", JavaProcess.classPath(), "io.syswire.cli.Main",
                "import", "-", "--out", out.toString(), "--task", TASK));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        byte[] nuls = new byte[1 << 20];
        long written = 0;
        try (OutputStream in = p.getOutputStream()) {
            for (int i = 0; i < 300 && p.isAlive(); i++) {
                in.write(nuls);
                written += nuls.length;
            }
        } catch (IOException closed) {
            // the importer stopped reading: what we want
        }
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), err);
        assertEquals("syswire: stdin line 1: longer than 1048576 bytes (a raw log line is at most 1 MiB)\n", err);
        assertFalse(Files.exists(out));
        assertTrue(written < 300L << 20, "refused long before the end of the input");
    }
}
