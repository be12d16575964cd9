package io.syswire.store;

import io.syswire.RandomLogs;
import io.syswire.config.Settings;
import io.syswire.kernel.SyscallTable;
import io.syswire.ops.Importer;
import io.syswire.rawlog.RawLogWriter;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A scan of the raw_events view over many events stops when asked, and the next statement runs. */
class CancelScanTest {
    static final SyscallTable TABLE = SyscallTable.x86_64();
    static final int EVENTS = 500_000;

    @TempDir
    static Path dir;
    static Path file;

    @BeforeAll
    static void aCaseWithHalfAMillionRawEvents() throws Exception {
        StringWriter log = new StringWriter();
        try (RawLogWriter out = new RawLogWriter(log, TABLE)) {
            RandomLogs.generate(7, EVENTS).forEach(out::accept);
        }
        file = dir.resolve("big.db");
        try (CaseStore store = CaseFile.at(file).create()) {
            Importer.run(store, new BufferedReader(new StringReader(log.toString())), "big.jsonl",
                    Settings.parseTask("syswire|capabilities:cap_net_raw;tripwires:socket"), TABLE);
        }
    }

    static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aScanThatMatchesNothingStopsWhenCancelledAndTheNextStatementRuns() throws Exception {
        try (CaseStore store = CaseFile.at(file).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE);
             Statement st = store.connection().createStatement()) {
            // no row matches, so H2 itself never reaches a point where it looks at the cancel; and no
            // index can skip a block for ret (pid = -5 would end at once: no block holds that pid)
            CompletableFuture<Long> scan = CompletableFuture.supplyAsync(() -> {
                try {
                    return count(st, "SELECT COUNT(*) FROM raw_events WHERE ret = -123456789");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(100);
            st.cancel();
            SessionCancel.cancel(store.connection());
            Throwable failure = assertThrows(Exception.class, () -> scan.get(60, TimeUnit.SECONDS));
            SQLException cause = (SQLException) failure.getCause().getCause();
            assertEquals(ErrorCode.STATEMENT_WAS_CANCELED, cause.getErrorCode(), cause.getMessage());
            SessionCancel.clear(store.connection());
            assertEquals(EVENTS, count(st, "SELECT COUNT(*) FROM raw_events"));
        }
    }

    @Test
    void aCancelThatComesAfterItsStatementIsForgotten() throws Exception {
        try (CaseStore store = CaseFile.at(file).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE);
             Statement st = store.connection().createStatement()) {
            assertEquals(1, count(st, "SELECT COUNT(*) FROM runs"));
            SessionCancel.cancel(store.connection()); // too late: the statement is over
            SessionCancel.clear(store.connection());
            assertEquals(EVENTS, count(st, "SELECT COUNT(*) FROM raw_events"));
        }
    }
}
