package io.syswire.ops;

import io.syswire.BadInputException;
import io.syswire.config.Config;
import io.syswire.config.Settings;
import io.syswire.kernel.SyscallTable;
import io.syswire.live.LiveEnvironment;
import io.syswire.live.LiveKernel;
import io.syswire.live.LiveOptions;
import io.syswire.store.CaseFile;
import io.syswire.store.CaseStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one live start-up sequence: what it checks before the kernel, and what a failed start leaves (nothing). */
class LiveStartTest {
    static final SyscallTable TABLE = SyscallTable.x86_64();

    @TempDir
    Path dir;

    static LiveOptions options(String task, int ringBytes) {
        Config c = Settings.parseTask(task).resolve(TABLE);
        return new LiveOptions(c, c.watched(), false, 1000, java.time.Duration.ofSeconds(60), ringBytes, null);
    }

    static LiveRecording start(Path file, boolean append, LiveOptions o) {
        return LiveRecording.start(CaseTarget.of(CaseFile.at(file), append), o, "test", TABLE, null,
                LiveEnvironment.local(), StopOn.NOTHING);
    }

    static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void aSyscallWithoutATracepointIsRefusedBeforeAnyFileIsMade() {
        Path db = dir.resolve("c.db");
        var e = assertThrows(BadInputException.class,
                () -> start(db, false, options("capabilities:cap_net_raw;tripwires:uselib", LiveOptions.DEFAULT_RING_BYTES)));
        assertEquals("syscall uselib has no tracepoint on this kernel: it cannot be captured", e.getMessage());
        assertFalse(Files.exists(db));
    }

    @Test
    void aFileThatIsNoCaseIsRefusedBeforeTheKernelIsTouched() throws Exception {
        Path db = Files.writeString(dir.resolve("c.db"), "precious");
        var e = assertThrows(BadInputException.class, () -> CaseTarget.of(CaseFile.at(db), true));
        assertEquals(db + " is not an H2 database file, so not a syswire case", e.getMessage());
        assertEquals("precious", Files.readString(db));
    }

    @Test
    void whenTheKernelRefusesTheProgramTheRunIsDiscardedAndANewFileRemoved() throws Exception {
        LiveKernel.require();
        // a ring of no bytes: the kernel refuses to create the map
        LiveOptions refused = options("capabilities:cap_net_raw;tripwires:socket", 0);
        Path db = dir.resolve("new.db");
        assertThrows(RuntimeException.class, () -> start(db, false, refused));
        assertFalse(Files.exists(db), "a failed start leaves no new case behind");

        Path old = dir.resolve("old.db");
        CaseFile.at(old).create().close();
        assertThrows(RuntimeException.class, () -> start(old, true, refused));
        try (CaseStore s = CaseFile.at(old).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE);
             var rs = s.connection().createStatement().executeQuery("SELECT COUNT(*) FROM runs")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getLong(1), "the discarded run is gone from the existing case");
        }
    }
}
