package io.syswire.cli;

import io.syswire.JavaProcess;
import io.syswire.live.LiveKernel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recording as a non-root user (uid 65534) with nothing but ambient capabilities, as the
 * systemd unit in dist/ runs it: the minimum is CAP_BPF, CAP_PERFMON and CAP_DAC_READ_SEARCH;
 * CAP_SYS_PTRACE adds the exe of processes that were already running.
 */
class LeastPrivilegeTest {
    static final String MINIMUM = "bpf,perfmon,dac_read_search";

    @TempDir
    static Path shared;
    static String classPath;
    static Path cases;

    /** The test class path where uid 65534 can read it (the Maven repository is root's). */
    @BeforeAll
    static void readableByNobody() throws IOException {
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jars = Files.createDirectory(shared.resolve("jars"));
        List<String> entries = new ArrayList<>();
        int i = 0;
        for (String e : JavaProcess.classPath().split(java.io.File.pathSeparator)) {
            Path p = Path.of(e);
            if (Files.isRegularFile(p) && !p.startsWith("/work")) {
                Path copy = jars.resolve((i++) + "-" + p.getFileName());
                Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                entries.add(copy.toString());
            } else {
                entries.add(e);
            }
        }
        classPath = String.join(java.io.File.pathSeparator, entries);
        cases = Files.createDirectory(shared.resolve("cases"));
        Files.setPosixFilePermissions(cases, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    /** syswire record as uid 65534 with exactly these ambient capabilities (comma-separated, no cap_ prefix). */
    static Process recordAsNobody(String caps, Path db, String... args) throws IOException {
        String set = caps.isEmpty() ? "-all" : "-all," + String.join(",", List.of(caps.split(",")).stream().map(c -> "+" + c).toList());
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "--inh-caps=" + set, "--ambient-caps=" + set, "--bounding-set=" + set,
                JavaProcess.java(), "-cp", classPath, "io.syswire.cli.Main", "record", "--out", db.toString(),
                "--capabilities", "cap_net_raw", "--tripwires", "sendto", "--context", "close", "--maxtrace", "1",
                "-c", "process.name:raw-ping"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** A recording as nobody while one raw-ping runs from before it started and another starts during it; the traces' JSON. */
    static List<String> record(String caps, Path db, List<String> notes) throws Exception {
        Process before = new ProcessBuilder(LiveKernel.scenario("raw-ping").toString(), "-n", "200", "-d", "100")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Process rec = recordAsNobody(caps, db, "--duration", "4s");
        BufferedReader err = new BufferedReader(new InputStreamReader(rec.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null && !line.startsWith("syswire: recording into ")) {
            notes.add(line);
        }
        assertTrue(line != null, "recording started as uid 65534: " + notes);
        Process during = new ProcessBuilder(LiveKernel.scenario("raw-ping").toString(), "-n", "2")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, during.waitFor());
        String rest = new String(rec.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(rec.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, rec.exitValue(), rest);
        before.destroy(); // it would run on for 20 s
        before.waitFor();
        return Cli.run("export", db.toString(), "--what", "traces").out().lines().toList();
    }

    @Test
    void theMinimumRecordsAndOnlyTheExeOfProcessesAlreadyRunningIsMissing() throws Exception {
        LiveKernel.require();
        Path db = cases.resolve("minimum.db");
        List<String> notes = new ArrayList<>();
        List<String> traces = record(MINIMUM, db, notes);
        assertEquals(List.of("syswire: note: without CAP_SYS_PTRACE, processes of other users that were running before the "
                + "recording started have no exe"), notes);
        assertEquals(2, traces.size(), String.valueOf(traces));
        assertEquals(1, traces.stream().filter(t -> t.contains("\"exe\":")).count(), "the one exec'd during the recording: " + traces);
        assertTrue(traces.stream().allMatch(t -> t.contains("\"cmd\":") && t.contains("\"ns\":")), String.valueOf(traces));
        assertEquals(0, Cli.run("verify", db.toString()).status());
        assertEquals(65534, Files.getAttribute(db, "unix:uid"), "the case belongs to the recording user");
    }

    @Test
    void withCapSysPtraceEveryProcessHasItsExe() throws Exception {
        LiveKernel.require();
        Path db = cases.resolve("ptrace.db");
        List<String> notes = new ArrayList<>();
        List<String> traces = record(MINIMUM + ",sys_ptrace", db, notes);
        assertEquals(List.of(), notes);
        assertEquals(2, traces.size(), String.valueOf(traces));
        assertTrue(traces.stream().allMatch(t -> t.contains("\"exe\":")), String.valueOf(traces));
    }

    @Test
    void withoutEachRequiredCapabilityTheRefusalNamesItAndNoFileIsMade() throws Exception {
        LiveKernel.require();
        Path db = cases.resolve("refused.db");
        assertEquals("syswire: recording needs CAP_BPF (to load the eBPF program and its maps): run syswire record as root, "
                + "or with these capabilities (README: Least privilege)\n", refused("perfmon,dac_read_search", db));
        assertEquals("syswire: recording needs CAP_PERFMON (to attach it to the syscall tracepoints): run syswire record as root, "
                + "or with these capabilities (README: Least privilege)\n", refused("bpf,dac_read_search", db));
        assertEquals("syswire: cannot read tracefs (/sys/kernel/tracing is root's alone): recording as another user needs "
                + "CAP_DAC_READ_SEARCH (README: Least privilege)\n", refused("bpf,perfmon", db));
        assertFalse(Files.exists(db));
    }

    static String refused(String caps, Path db) throws Exception {
        Process p = recordAsNobody(caps, db, "--duration", "1s");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), err);
        return err;
    }
}
