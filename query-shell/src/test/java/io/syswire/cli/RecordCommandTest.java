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

    /** Runs raw-ping with the arguments, waits for it, and notes its pid. */
    static Runnable ping(java.util.concurrent.atomic.AtomicInteger pid, String... args) {
        return () -> {
            try {
                List<String> cmd = new ArrayList<>(List.of(LiveKernel.scenario("raw-ping").toString()));
                cmd.addAll(List.of(args));
                Process p = new ProcessBuilder(cmd).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, p.waitFor());
                pid.set(io.syswire.output.Json.TREE.readTree(out).get("pid").asInt());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** The lines of JSON output that are traces of the given process (other processes may trip the wire too). */
    /** The traces (JSON lines) whose process is {@code pid}; a pid in another trace's ancestry does not count. */
    static List<String> tracesOf(String jsonLines, int pid) {
        return jsonLines.lines().filter(l -> l.startsWith("{") && processPid(l) == pid).toList();
    }

    static int processPid(String traceJson) {
        try {
            return io.syswire.output.Json.TREE.readTree(traceJson).path("process").path("pid").asInt(-1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
    void withoutPrivilegesRecordSaysWhatToDoAndCreatesNothing() throws Exception {
        Path db = dir.resolve("c.db");
        // root without a single capability: what an unprivileged user meets
        Process p = new ProcessBuilder(List.of("setpriv", "--bounding-set=-all", "--inh-caps=-all",
                ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "record", "--out", db.toString(),
                "--capabilities", "cap_net_raw", "--tripwires", "socket", "--duration", "1s"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), err);
        assertEquals("syswire: recording needs CAP_BPF (to load the eBPF program and its maps) and CAP_PERFMON (to attach it to "
                + "the syscall tracepoints): run syswire record as root, or with these capabilities (README: Least privilege)\n", err);
        assertFalse(Files.exists(db));
    }

    @Test
    void aTimedRecordingOfARawPingGivesOneTraceAndAReplayShowsTheRest() throws InterruptedException {
        LiveKernel.require();
        String db = dir.resolve("live.db").toString();
        var pid = new java.util.concurrent.atomic.AtomicInteger();
        Cli rec = Cli.runWhile(ping(pid, "-n", "5"), args("record", "--out", db, "--duration", "3s"));
        assertEquals(0, rec.status(), rec.err());
        assertTrue(rec.err().startsWith("syswire: recording into " + db + " (run 1): capture close+socket+sendto (gated"), rec.err());
        assertTrue(rec.out().startsWith("run 1 (live): ") && rec.out().contains("; kernel: "), rec.out());

        List<String> traces = tracesOf(Cli.run("export", db, "--what", "traces").out(), pid.get());
        assertEquals(1, traces.size(), String.valueOf(traces));
        assertEquals(3, count(traces.get(0), "\"syscall\":\"sendto\""));

        assertEquals(0, Cli.run("replay", db, "--maxtrace", "10").status());
        List<String> more = tracesOf(Cli.run("export", db, "--what", "traces").out(), pid.get());
        assertEquals(5, count(more.get(0), "\"syscall\":\"sendto\""));
        assertTrue(more.get(0).contains("\"syscall\":\"close\""), more.get(0));

        java.util.regex.Matcher digest = java.util.regex.Pattern.compile("\ndigest sha256:([0-9a-f]{64})\n").matcher(rec.out());
        assertTrue(digest.find(), "record prints the run's digest: " + rec.out());
        Cli verify = Cli.run("verify", db);
        assertEquals(0, verify.status(), verify.out());
        assertTrue(verify.out().startsWith("run 1 live sha256:" + digest.group(1) + " intact; "), verify.out());
        assertTrue(verify.out().contains("\nrun 2 replay of 1: "), verify.out());
        assertTrue(verify.out().endsWith(" transitions reproduce\n"), verify.out());
    }

    @Test
    void jsonPrintsEachTraceOnStdoutAsItClosesAndTheSummaryOnStderr() throws InterruptedException {
        LiveKernel.require();
        String db = dir.resolve("live.db").toString();
        var pid = new java.util.concurrent.atomic.AtomicInteger();
        Cli rec = Cli.runWhile(ping(pid, "-n", "3"), args("record", "--out", db, "--duration", "3s", "--json"));
        assertEquals(0, rec.status(), rec.err());
        assertTrue(rec.out().lines().allMatch(l -> l.startsWith("{\"process\":{")), "stdout holds only traces: " + rec.out());
        List<String> lines = tracesOf(rec.out(), pid.get());
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
        // other processes of this machine may trip the wire too: the ping's own trace is the one asked about
        assertTrue(out.startsWith("run 1 (live): ") && out.matches("(?s).* [1-9][0-9]* traces, .*"), out);
        Cli runs = Cli.run("export", db.toString(), "--what", "traces", "--format", "jsonl");
        List<String> pings = tracesOf(runs.out(), (int) ping.pid());
        assertEquals(1, pings.size(), runs.out());
        assertTrue(pings.get(0).contains("\"endReason\":\"exit\""), pings.get(0));
        assertEquals(2, count(pings.get(0), "\"syscall\":\"sendto\""), "both pings, kept through the stop: " + pings.get(0));
        Cli status = Cli.run("shell", db.toString(), "-e", "SELECT status FROM runs WHERE run_id = 1");
        assertTrue(status.out().contains("| complete "), "a stop by SIGINT is a complete run: " + status.out());
    }

    @Test
    void aRecorderKilledMidWriteLeavesAReadableCaseWithWhatItCommitted() throws Exception {
        LiveKernel.require();
        Path db = dir.resolve("killed.db");
        Process p = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "record", "--out", db.toString(), "--ungated",
                "--capabilities", "cap_net_raw", "--tripwires", "socket", "--context", "close"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        assertTrue(String.valueOf(err.readLine()).startsWith("syswire: recording into "));
        Process flood = new ProcessBuilder(LiveKernel.scenario("noise").toString(), "--syscall", "close", "-n", "100000000")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(5000); // several one-second commits have happened; the flood is being written when the recorder dies
        p.destroyForcibly().waitFor();
        flood.destroyForcibly().waitFor();
        // into a file, not memory: a few seconds of flood are millions of rows
        Path csv = dir.resolve("killed.csv");
        Cli runs = Cli.run("export", db.toString(), "--what", "raw", "--format", "csv", "-o", csv.toString());
        assertEquals(0, runs.status(), runs.err());
        long rows;
        try (var lines = Files.lines(csv)) {
            rows = lines.count();
        }
        assertTrue(rows > 1000, "the committed part is there: " + rows + " rows");
        Cli replay = Cli.run("replay", db.toString(), "--maxtrace", "5");
        assertEquals(0, replay.status(), replay.err());
        Cli status = Cli.run("diff", db.toString(), "1", "2");
        assertTrue(status.out().startsWith("run 1 -> run 2"), status.out());
        Cli marked = Cli.run("shell", db.toString(), "-e", "SELECT run_id, status FROM runs ORDER BY run_id");
        assertTrue(marked.out().contains("|      1 | interrupted |"), "the killed run is marked interrupted: " + marked.out());
        assertTrue(marked.out().contains("|      2 | complete    |"), marked.out());
        // the chain was committed with every block: the killed run verifies up to its last commit
        Cli verify = Cli.run("verify", db.toString());
        assertEquals(0, verify.status(), verify.out());
        assertTrue(verify.out().startsWith("run 1 live sha256:") && verify.out().contains(" intact (interrupted: verified up to its last commit, "),
                verify.out());
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
