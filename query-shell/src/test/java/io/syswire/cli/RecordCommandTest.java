package io.syswire.cli;

import io.syswire.live.LiveKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code syswire record}: the SPEC's command line, its stop paths, and its bad input. */
class RecordCommandTest {
    static final String[] PING_CONFIG = {"--capabilities", "cap_net_raw", "--tripwires", "socket", "--context", "sendto+close",
        "--maxtrace", "3"};

    @TempDir
    Path dir;

    static String[] args(String... parts) {
        List<String> all = new ArrayList<>(List.of(parts));
        all.addAll(List.of(PING_CONFIG));
        return all.toArray(new String[0]);
    }

    /** Runs raw-ping with the arguments and waits for it. */
    static Runnable ping(String... args) {
        return () -> {
            try {
                List<String> cmd = new ArrayList<>(List.of(LiveKernel.scenario("raw-ping").toString()));
                cmd.addAll(List.of(args));
                assertEquals(0, new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    @Test
    void anExistingCaseIsNotTouchedWithoutAppend() throws IOException {
        Path db = Files.writeString(dir.resolve("c.db"), "precious");
        Cli r = Cli.run(args("record", "--out", db.toString(), "--duration", "1s"));
        assertEquals(2, r.status());
        assertEquals("syswire: " + db + " already exists: use --append to add a run to it\n", r.err());
        assertEquals("precious", Files.readString(db));
    }

    @Test
    void badRecordingOptionsAreOneLineErrors() {
        String db = dir.resolve("c.db").toString();
        assertEquals("syswire: --ring-size must be a power of two from 1 to 1024 (MiB), not 3\n",
                Cli.run(args("record", "--out", db, "--ring-size", "3")).err());
        assertEquals("syswire: --duration 'soon' is not a duration (e.g. 30, 30s, 500ms, 2m)\n",
                Cli.run(args("record", "--out", db, "--duration", "soon")).err());
        assertEquals("syswire: unknown syscall 'snedto' (did you mean sendto?)\n",
                Cli.run(args("record", "--out", db, "--capture", "snedto")).err());
        assertFalse(Files.exists(dir.resolve("c.db")));
    }

    @Test
    void aTimedRecordingOfARawPingGivesOneTraceAndAReplayShowsTheRest() throws InterruptedException {
        LiveKernel.require();
        String db = dir.resolve("live.db").toString();
        Cli rec = Cli.runWhile(ping("-n", "5"), args("record", "--out", db, "--duration", "3s"));
        assertEquals(0, rec.status(), rec.err());
        assertTrue(rec.err().startsWith("syswire: recording into " + db + ": capture close+socket+sendto (gated"), rec.err());
        assertTrue(rec.out().startsWith("run 1 (live): "), rec.out());
        assertTrue(rec.out().contains(" 1 traces, ") && rec.out().contains("; kernel: "), rec.out());

        Cli traces = Cli.run("export", db, "--what", "traces");
        assertEquals(1, traces.out().lines().count(), traces.out());
        assertEquals(3, count(traces.out(), "\"syscall\":\"sendto\""));

        assertEquals(0, Cli.run("replay", db, "--maxtrace", "10").status());
        Cli more = Cli.run("export", db, "--what", "traces");
        assertEquals(5, count(more.out(), "\"syscall\":\"sendto\""));
        assertTrue(more.out().contains("\"syscall\":\"close\""), more.out());
    }

    @Test
    void jsonPrintsEachTraceOnStdoutAsItClosesAndTheSummaryOnStderr() throws InterruptedException {
        LiveKernel.require();
        String db = dir.resolve("live.db").toString();
        Cli rec = Cli.runWhile(ping("-n", "3"), args("record", "--out", db, "--duration", "3s", "--json"));
        assertEquals(0, rec.status(), rec.err());
        List<String> lines = rec.out().lines().toList();
        assertEquals(1, lines.size(), rec.out());
        assertTrue(lines.get(0).startsWith("{\"process\":{\"cmd\":"), lines.get(0));
        assertTrue(rec.err().contains("run 1 (live): "), rec.err());
    }

    @Test
    void sigintStopsTheRecordingCleanlyAndKeepsEverything() throws Exception {
        LiveKernel.require();
        Path db = dir.resolve("live.db");
        Process p = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "record", "--out", db.toString(),
                "--capabilities", "cap_net_raw", "--tripwires", "socket", "--context", "sendto+close", "--maxtrace", "10"))
                .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        String started = err.readLine();
        assertTrue(started != null && started.startsWith("syswire: recording into "), String.valueOf(started));
        Process ping = new ProcessBuilder(LiveKernel.scenario("raw-ping").toString(), "-n", "2", "-d", "50")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, ping.waitFor());
        Thread.sleep(300);
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stops within a minute of SIGINT");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("run 1 (live): ") && out.contains(" 1 traces, "), out);
        Cli runs = Cli.run("export", db.toString(), "--what", "traces");
        assertTrue(runs.out().contains("\"endReason\":\"exit\""), runs.out());
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
