package io.syswire.hostile;

import io.syswire.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Defence in depth: should a hostile object ever get past the schema check, the engine still
 * cannot run it. H2 loads only the classes syswire's migrations bind, and the JVM has no
 * compiler; syswire refuses to start where it would have one.
 */
class SecondWallTest {
    @TempDir
    Path dir;

    @Test
    void pastTheSchemaCheckAForeignAliasAndASourceTriggerStillCannotRun() throws Exception {
        Path db = dir.resolve("case.db");
        assertEquals(0, HostileCaseTest.cli("import", HostileCaseTest.PING, "--out", db.toString()).status());
        Path marker = dir.resolve("marker");
        Hostile.plainH2(db, "CREATE ALIAS MKDIR FOR 'org.h2.store.fs.FileUtils.createDirectory'",
                "CREATE TRIGGER AT_OPEN BEFORE INSERT ON PROCESSES AS 'org.h2.api.Trigger create() {"
                        + " try { " + Hostile.writes(marker) + "; } catch (Exception e) { } return new org.h2.api.Trigger() {"
                        + " public void fire(Connection c, Object[] o, Object[] n) { } }; }'");
        Files.deleteIfExists(marker);

        String out = sandboxed(db, "CALL MKDIR('" + marker + "')", "INSERT INTO PROCESSES (RUN_ID, PROC_NO, PID) VALUES (1, 99, 1)");
        assertFalse(Files.exists(marker), out);
        assertTrue(out.contains("Access to the class \"org.h2.store.fs.FileUtils\" is denied"), out);
        assertTrue(out.contains("NoClassDefFoundError: javax/tools"), out);
    }

    @Test
    void syswireRefusesToRunInAJvmThatCouldCompileSource() throws Exception {
        Process p = new ProcessBuilder(JavaProcess.fullJdk(), "-cp", JavaProcess.classPath(), "io.syswire.cli.Main", "shell",
                dir.resolve("x.db").toString(),
                "-e", "select 1").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(2, p.waitFor(), out);
        assertTrue(out.startsWith("syswire: this Java can compile and run source code (module java.compiler is loaded)"), out);
    }

    private static String sandboxed(Path db, String... sql) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(JavaProcess.cli());
        cmd.set(cmd.size() - 1, SandboxedH2.class.getName());
        cmd.add(db.toString());
        cmd.addAll(List.of(sql));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}
