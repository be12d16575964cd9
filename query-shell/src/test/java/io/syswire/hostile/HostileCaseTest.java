package io.syswire.hostile;

import io.syswire.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A case copied off a compromised host, with one more object put into it with plain H2. Each
 * payload is shown to run when plain H2 opens the file; then every syswire command that opens
 * a case refuses it in one line naming the object, exit 2, the payload's marker never appears,
 * and the file's SHA-256 does not change.
 */
class HostileCaseTest {
    static final String TASK = "syswire|capabilities:cap_net_raw;tripwires:socket;context:sendto+close;maxtrace:3";
    static final String PING = "../samples/synthetic-ping.jsonl";
    static final String JAVA_TRIGGER = "org.h2.api.Trigger create() { return new org.h2.api.Trigger() {"
            + " public void fire(Connection c, Object[] o, Object[] n) throws SQLException {"
            + " try { %W; } catch (Exception e) { throw new SQLException(e); } } }; }";

    @TempDir
    static Path dir;
    static Path clean;

    /** A hostile case: what is put into it, what plain H2 does to run it, what syswire must name. */
    record Fixture(String name, String refusal, String probe, boolean leavesMarker, List<String> sql) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Fixture> fixtures() {
        return Stream.of(
                new Fixture("a view calling a Java-source alias", "carries an object syswire never creates: alias EVIL",
                        "SELECT * FROM TRACE_SUMMARY", true, List.of(
                                "CREATE ALIAS EVIL AS 'String evil() throws Exception { %W; return \"x\"; }'",
                                "CREATE OR REPLACE FORCE VIEW TRACE_SUMMARY AS SELECT EVIL() AS RUN_ID")),
                new Fixture("a BEFORE SELECT trigger with Java source on runs", "carries an object syswire never creates: trigger T",
                        "SELECT * FROM RUNS", true, List.of("CREATE TRIGGER T BEFORE SELECT ON RUNS AS '" + JAVA_TRIGGER + "'")),
                new Fixture("a trigger whose create() runs as H2 loads it, at open",
                        "carries an object syswire never creates: trigger AT_OPEN", "SELECT 1", true, List.of(
                                "CREATE TRIGGER AT_OPEN BEFORE INSERT ON PROCESSES AS 'org.h2.api.Trigger create() {"
                                        + " try { %W; } catch (Exception e) { } return new org.h2.api.Trigger() {"
                                        + " public void fire(Connection c, Object[] o, Object[] n) { } }; }'")),
                new Fixture("a view calling an H2 static method bound by an alias",
                        "carries an object syswire never creates: alias MKDIR", "SELECT * FROM TRACE_SUMMARY", true, List.of(
                                "CREATE ALIAS MKDIR FOR 'org.h2.store.fs.FileUtils.createDirectory'",
                                "CREATE OR REPLACE FORCE VIEW TRACE_SUMMARY AS SELECT MKDIR('%M') AS RUN_ID")),
                new Fixture("raw_events redefined to write a file", "carries view RAW_EVENTS defined otherwise than syswire defines it",
                        "SELECT * FROM RAW_EVENTS", true, List.of(
                                "DROP TABLE RAW_EVENTS",
                                "CREATE FORCE VIEW RAW_EVENTS AS SELECT FILE_WRITE('payload', '%M') AS RUN_ID")),
                new Fixture("a second table of syswire's raw_events engine",
                        "carries an object syswire never creates: table SHADOW_EVENTS", null, false, List.of(
                                "CREATE TABLE SHADOW_EVENTS(RUN_ID INT, SEQ INT, TS INT, KIND INT, PID INT, TID INT, PPID INT, START_TIME INT, COMM INT, UID INT, GID INT, SYSCALL INT, NR INT, ARGS INT, RET INT, CAP_EFFECTIVE INT, CAP_PERMITTED INT, CAP_INHERITABLE INT, MNT_NS INT, PID_NS INT, CGROUP_ID INT, DETAIL INT) ENGINE \"io.syswire.store.RawEventsEngine\"")),
                new Fixture("a trigger on trace_events", "carries an object syswire never creates: trigger ON_EVENTS",
                        "SELECT * FROM TRACE_EVENTS", true, List.of(
                                "CREATE TRIGGER ON_EVENTS BEFORE SELECT ON TRACE_EVENTS AS '" + JAVA_TRIGGER + "'")),
                new Fixture("an alias named like syswire's, bound to another class",
                        "carries alias CAP_NAMES defined otherwise than syswire defines it", "CALL CAP_NAMES('%M')", true, List.of(
                                "DROP ALIAS CAP_NAMES",
                                "CREATE FORCE ALIAS CAP_NAMES FOR 'org.h2.store.fs.FileUtils.createDirectory'")),
                new Fixture("a view whose subquery reads a file",
                        "carries view TRACES_PER_PROCESS defined otherwise than syswire defines it", null, false, List.of(
                                "CREATE OR REPLACE FORCE VIEW TRACES_PER_PROCESS AS SELECT (SELECT FILE_READ('/etc/hostname')) AS RUN_ID")),
                new Fixture("an extra table", "carries an object syswire never creates: table NOTES", null, false,
                        List.of("CREATE TABLE NOTES(A INT)")),
                new Fixture("an extra user", "carries an object syswire never creates: user BOB", null, false,
                        List.of("CREATE USER BOB PASSWORD 'x' ADMIN")),
                new Fixture("an extra schema", "carries an object syswire never creates: schema EVIL", null, false,
                        List.of("CREATE SCHEMA EVIL")),
                new Fixture("a setting syswire never makes", "carries an object syswire never creates: setting DEFAULT_TABLE_TYPE",
                        null, false, List.of("SET DEFAULT_TABLE_TYPE MEMORY")),
                new Fixture("the evidence guard dropped", "lacks trigger RAW_BLOCKS_ARE_EVIDENCE, which syswire creates", null,
                        false, List.of("DROP TRIGGER RAW_BLOCKS_ARE_EVIDENCE")));
    }

    @BeforeAll
    static void aCleanCaseWithAnImportAndAReplay() {
        clean = dir.resolve("clean.db");
        assertEquals(0, cli("import", PING, "--out", clean.toString(), "--task", TASK).status);
        assertEquals(0, cli("replay", clean.toString(), "--maxtrace", "10").status);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyCommandRefusesTheCaseAndThePayloadNeverRuns(Fixture f) throws Exception {
        String slug = f.name().replaceAll("[^a-z]+", "-");
        Path marker = dir.resolve(slug + ".marker");
        Path file = dir.resolve(slug + ".db");
        Files.copy(clean, file, StandardCopyOption.REPLACE_EXISTING);
        String[] sql = f.sql().stream().map(s -> s.replace("%W", Hostile.writes(marker)).replace("%M", marker.toString()))
                .toArray(String[]::new);
        Hostile.plainH2(file, sql);
        deleteMarker(marker); // crafting may have set it off already (a trigger's create())

        if (f.leavesMarker()) {
            Path control = dir.resolve(slug + ".control.db");
            Files.copy(file, control, StandardCopyOption.REPLACE_EXISTING);
            Hostile.plainH2(control, f.probe().replace("%M", marker.toString()));
            assertTrue(Files.exists(marker), "the payload is real: plain H2 runs it");
            deleteMarker(marker);
        }

        assertEveryCommandRefuses(file, f.refusal(), marker);
    }

    @Test
    void aTypeRegistryNamingAForeignClassIsRefusedBeforeAnythingIsLoaded() throws Exception {
        Path marker = Gadget.marker();
        deleteMarker(marker);
        Path file = dir.resolve("foreign-type.db");
        Files.copy(clean, file, StandardCopyOption.REPLACE_EXISTING);
        Hostile.nameForeignType(file, Gadget.class.getName());

        Path control = dir.resolve("foreign-type.control.db");
        Files.copy(file, control, StandardCopyOption.REPLACE_EXISTING);
        Hostile.plainH2(false, control, "SELECT COUNT(*) FROM RUNS"); // H2 then fails on the entry: too late
        assertTrue(Files.exists(marker), "the payload is real: plain H2 loads the class the registry names");
        deleteMarker(marker);

        assertEveryCommandRefuses(file, "names a storage class H2 would load, which no syswire case does: "
                + Gadget.class.getName(), marker);
    }

    /** Every command that opens a case, on this file. */
    static List<String[]> commands(Path f) {
        String c = f.toString();
        List<String[]> all = new ArrayList<>(List.of(
                new String[] {"shell", c, "-e", ".traces"},
                new String[] {"shell", c, "-e", "select cap_names('0000000000002000')"},
                new String[] {"export", c, "--what", "raw"},
                new String[] {"export", c, "--what", "traces", "--format", "csv"},
                new String[] {"replay", c, "--maxtrace", "5"},
                new String[] {"diff", c, "1", "2"},
                new String[] {"verify", c},
                new String[] {"import", PING, "--out", c, "--append", "--task", TASK}));
        if ("root".equals(System.getProperty("user.name"))) { // record checks the machine before it opens the case
            all.add(new String[] {"record", "--out", c, "--append", "--capabilities", "cap_net_raw", "--tripwires",
                "socket", "--duration", "1s"});
        }
        return all;
    }

    static void assertEveryCommandRefuses(Path file, String refusal, Path marker) throws IOException {
        String before = Hostile.sha256(file);
        for (String[] args : commands(file)) {
            Run r = cli(args);
            String what = String.join(" ", args);
            assertEquals(2, r.status, what + ": " + r.err);
            assertTrue(r.err.startsWith("syswire: " + file + " ") && r.err.contains(refusal), what + ": " + r.err);
            assertTrue(r.err.endsWith("\n") && r.err.indexOf('\n') == r.err.length() - 1, "one line: " + r.err);
            assertEquals("", r.out, what);
            assertFalse(Files.exists(marker), what + " ran the payload");
            assertEquals(before, Hostile.sha256(file), what + " changed the file");
        }
    }

    private static void deleteMarker(Path marker) throws IOException {
        if (Files.isDirectory(marker)) {
            Files.delete(marker);
        } else {
            Files.deleteIfExists(marker);
        }
    }

    record Run(int status, String out, String err) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }
}
