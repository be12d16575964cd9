package io.syswire.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A case from an older syswire is never upgraded silently: scripts need --upgrade. */
class UpgradeTest {
    @TempDir
    Path dir;

    @Test
    void scriptsRefuseAnOlderCaseInOneLineUnlessGivenUpgrade() throws IOException {
        Path old = Cases.olderSchema(dir);
        Cases.Cli refused = Cases.shell(old, "select 1");
        assertEquals(2, refused.status());
        assertTrue(refused.oneLineError(), refused.err());
        assertTrue(refused.err().contains("has case schema version 1 and this syswire uses " + io.syswire.store.CaseFile.knownVersions().get(io.syswire.store.CaseFile.knownVersions().size() - 1) + ": rerun with --upgrade"), refused.err());

        Cases.Cli upgraded = Cases.cli("shell", old.toString(), "--upgrade", "-e", ".mode csv", "-e", "select count(*) as n from trace_summary");
        assertEquals(0, upgraded.status(), upgraded.err());
        assertEquals("n\r\n0\r\n", upgraded.out());
        assertEquals(0, Cases.shell(old, "select 1").status(), "upgraded for good");
    }
}
