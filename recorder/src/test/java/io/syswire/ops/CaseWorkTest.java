package io.syswire.ops;

import io.syswire.BadInputException;
import io.syswire.Events;
import io.syswire.RandomLogs;
import io.syswire.Same;
import io.syswire.config.Setting;
import io.syswire.config.Settings;
import io.syswire.event.RawEvent;
import io.syswire.kernel.SyscallTable;
import io.syswire.rawlog.RawLogWriter;
import io.syswire.store.CaseFile;
import io.syswire.store.CaseStore;
import io.syswire.store.RunInfo;
import io.syswire.store.RunKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static io.syswire.store.schema.Tables.RAW_BLOCKS;
import static io.syswire.store.schema.Tables.TRACES;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Import, replay, export and diff against real case files. */
class CaseWorkTest {
    static final SyscallTable TABLE = SyscallTable.x86_64();
    static final String TASK = "syswire|capabilities:cap_net_raw;tripwires:socket;context:sendto+close;maxtrace:2;maxage:5;evictrate:5";

    @TempDir
    Path dir;

    static String text(List<RawEvent> events) throws IOException {
        StringWriter w = new StringWriter();
        try (RawLogWriter out = new RawLogWriter(w, TABLE)) {
            events.forEach(out::accept);
        }
        return w.toString();
    }

    static RunOutcome importText(CaseStore store, String text, Settings settings) throws IOException {
        return Importer.run(store, new BufferedReader(new StringReader(text)), "test.jsonl", settings, TABLE);
    }

    static List<RawEvent> raw(CaseStore store, int run) {
        List<RawEvent> out = new ArrayList<>();
        store.readRaw(run, out::add);
        return out;
    }

    @Test
    void everyImageAProcessRanIsARowOfImagesInOrderWithItsExecTime() throws IOException {
        try (CaseStore store = CaseFile.at(dir.resolve("case.db")).create()) {
            RunOutcome run = importText(store, text(List.of(Events.process(0.0, 100, "bash"),
                    Events.exec(0.2, 100, "setpriv"), Events.exec(0.4, 100, "ping"),
                    Events.call(0.5, 100, "socket", Events.NET_RAW, Events.NET_RAW), Events.exit(0.6, 100))),
                    Settings.parseTask(TASK));
            List<String> rows = new ArrayList<>();
            for (var r : store.sql().selectFrom(io.syswire.store.schema.Tables.IMAGES)
                    .where(io.syswire.store.schema.Tables.IMAGES.RUN_ID.eq(run.runId()))
                    .orderBy(io.syswire.store.schema.Tables.IMAGES.IMAGE_NO).fetch()) {
                rows.add(r.getImageNo() + " " + r.getPid() + " " + r.getName() + " " + r.getExe() + " "
                        + (r.getExecTs() == null ? "-" : Events.rel(r.getExecTs().toInstant().getEpochSecond() * 1_000_000_000L
                        + r.getExecTs().toInstant().getNano())));
            }
            assertEquals(List.of("0 100 bash /usr/bin/bash -", "1 100 setpriv /usr/bin/setpriv 0.200",
                    "2 100 ping /usr/bin/ping 0.400"), rows);
            var process = store.sql().selectFrom(io.syswire.store.schema.Tables.PROCESSES)
                    .where(io.syswire.store.schema.Tables.PROCESSES.RUN_ID.eq(run.runId())).fetchOne();
            assertEquals("ping", process.getName(), "processes describes the image it ran last");
            assertEquals("ping", store.sql().select(TRACES.PROCESS_NAME).from(TRACES).fetchOne(TRACES.PROCESS_NAME));
        }
    }

    @Test
    void verifyRecomputesARunOnlyWithTheStateMachineRulesThatMadeIt() throws IOException {
        try (CaseStore store = CaseFile.at(dir.resolve("case.db")).create()) {
            RunOutcome live = importText(store, text(List.of(Events.call(0.1, 100, "socket", Events.NONE, Events.NONE),
                    Events.exec(0.2, 100, "ping"), Events.call(0.3, 100, "socket", Events.NET_RAW, Events.NET_RAW))),
                    Settings.parseTask(TASK));
            RunOutcome replay = Replayer.run(store, store.resolveRun(live.runId()), Settings.none(), TABLE, null);
            // a run made before schema 4 has no rules recorded: rules 1, where the exec ended nothing
            store.sql().update(io.syswire.store.schema.Tables.RUNS).setNull(io.syswire.store.schema.Tables.RUNS.MACHINE_RULES)
                    .where(io.syswire.store.schema.Tables.RUNS.RUN_ID.eq(replay.runId())).execute();
            store.connection().commit();
            List<Verifier.Verdict> v = Verifier.verify(store, null, TABLE);
            assertTrue(v.get(0).intact() && v.get(0).line().endsWith(" transitions reproduce"), v.get(0).line());
            assertTrue(v.get(1).intact(), v.get(1).line());
            assertTrue(v.get(1).line().endsWith("not recomputed: made by state machine rules 1, this syswire has rules "
                    + io.syswire.machine.StateMachine.RULES + " (a replay of the run gives today's)"), v.get(1).line());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNewCaseIsOneFileReadableOnlyByItsOwner() throws IOException {
        Path f = dir.resolve("case.db");
        try (CaseStore store = CaseFile.at(f).create()) {
            importText(store, text(RandomLogs.generate(1, 100)), Settings.parseTask(TASK));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "no companion files");
        }
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        Path f = Files.writeString(dir.resolve("notes.db"), "my notes");
        assertThrows(BadInputException.class, () -> CaseFile.at(f).create());
        assertEquals("my notes", Files.readString(f));
    }

    @Test
    void importStoresEveryRawEventAndRunsTheMachine() throws IOException {
        List<RawEvent> log = RandomLogs.generate(2, 20_000);
        try (CaseStore store = CaseFile.at(dir.resolve("c.db")).create()) {
            RunOutcome out = importText(store, text(log), Settings.parseTask(TASK));
            Same.events(log, raw(store, out.runId()), "stored raw events");
            RunInfo run = store.run(out.runId()).orElseThrow();
            assertEquals(RunKind.IMPORT, run.kind());
            assertEquals("complete", run.status());
            assertEquals(20_000, run.rawEvents());
            assertEquals(out.summary().machine().traces(), run.traces());
            assertTrue(run.traces() > 0);
        }
    }

    @Test
    void importWithoutConfigurationStoresOnlyRawEventsForReplay() throws IOException {
        try (CaseStore store = CaseFile.at(dir.resolve("c.db")).create()) {
            RunOutcome out = importText(store, text(RandomLogs.generate(3, 500)), Settings.none());
            assertEquals(0, store.run(out.runId()).orElseThrow().traces());
            assertThrows(BadInputException.class, () -> Replayer.run(store, store.resolveRun(null), Settings.none(), TABLE, null),
                    "a replay of a run without configuration needs one");
            RunOutcome replay = Replayer.run(store, store.resolveRun(null), Settings.parseTask(TASK), TABLE, null);
            assertTrue(replay.summary().machine().traces() > 0);
        }
    }

    @Test
    void aFailedImportWritesNothing() throws IOException {
        try (CaseStore store = CaseFile.at(dir.resolve("c.db")).create()) {
            importText(store, text(RandomLogs.generate(4, 300)), Settings.parseTask(TASK));
            String bad = text(RandomLogs.generate(5, 9000)) + "{\"kind\":\"tick\"}\n";
            BadInputException e = assertThrows(BadInputException.class, () -> importText(store, bad, Settings.parseTask(TASK)));
            assertEquals("test.jsonl line 9001: missing ts", e.getMessage());
            assertEquals(1, store.runs().size());
            assertEquals(1, store.sql().selectDistinct(RAW_BLOCKS.RUN_ID).from(RAW_BLOCKS).fetch().size());
        }
    }

    @Test
    void replayWritesANewRunAndNeverChangesItsParentsRawEvents() throws IOException {
        try (CaseStore store = CaseFile.at(dir.resolve("c.db")).create()) {
            RunOutcome imported = importText(store, text(RandomLogs.generate(6, 5000)), Settings.parseTask(TASK));
            List<byte[]> before = store.sql().select(RAW_BLOCKS.DATA).from(RAW_BLOCKS).orderBy(RAW_BLOCKS.BLOCK_NO).fetch(RAW_BLOCKS.DATA);
            RunOutcome replay = Replayer.run(store, store.resolveRun(imported.runId()),
                    Settings.none().with(Setting.MAXTRACE, "10"), TABLE, null);
            RunInfo r = store.run(replay.runId()).orElseThrow();
            assertEquals(RunKind.REPLAY, r.kind());
            assertEquals(imported.runId(), r.parentRunId());
            assertTrue(r.task().contains("maxtrace:10"));
            List<byte[]> after = store.sql().select(RAW_BLOCKS.DATA).from(RAW_BLOCKS).orderBy(RAW_BLOCKS.BLOCK_NO).fetch(RAW_BLOCKS.DATA);
            assertEquals(before.size(), after.size());
            for (int i = 0; i < before.size(); i++) {
                assertArrayEquals(before.get(i), after.get(i));
            }
            assertEquals(1, store.sql().selectDistinct(RAW_BLOCKS.RUN_ID).from(RAW_BLOCKS).fetch().size(), "a replay stores no raw events");
        }
    }

    @Test
    void replayWithTheSameConfigurationReproducesTheRunExactly() throws IOException {
        try (CaseStore store = CaseFile.at(dir.resolve("c.db")).create()) {
            RunOutcome imported = importText(store, text(RandomLogs.generate(7, 8000)), Settings.parseTask(TASK));
            RunOutcome replay = Replayer.run(store, store.resolveRun(imported.runId()), Settings.none(), TABLE, null);
            RunDiff.Result d = RunDiff.compare(store, store.resolveRun(imported.runId()), store.resolveRun(replay.runId()));
            assertTrue(d.identical(), RunDiff.text(d));
            assertEquals(d.unchanged(), store.resolveRun(imported.runId()).traces());
            // and the stored documents are byte for byte the same
            assertEquals(store.sql().select(TRACES.DOC).from(TRACES).where(TRACES.RUN_ID.eq(imported.runId())).orderBy(TRACES.TRACE_ID).fetch(TRACES.DOC),
                    store.sql().select(TRACES.DOC).from(TRACES).where(TRACES.RUN_ID.eq(replay.runId())).orderBy(TRACES.TRACE_ID).fetch(TRACES.DOC));
        }
    }

    @Test
    void aLargerMaxtraceShowsUpInTheDiffAsAddedContext() throws IOException {
        try (CaseStore store = CaseFile.at(dir.resolve("c.db")).create()) {
            Path sample = Path.of("../samples/synthetic-ping.jsonl");
            RunOutcome a = Importer.run(store, Files.newBufferedReader(sample), sample.toString(),
                    Settings.parseTask(TASK.replace("maxtrace:2", "maxtrace:3")), TABLE);
            RunOutcome b = Replayer.run(store, store.resolveRun(a.runId()), Settings.none().with(Setting.MAXTRACE, "10"), TABLE, null);
            RunDiff.Result d = RunDiff.compare(store, store.resolveRun(a.runId()), store.resolveRun(b.runId()));
            assertEquals(1, d.changed().size());
            assertEquals(List.of("sendto", "sendto", "close"), d.changed().get(0).addedContext());
            assertEquals("3 -> 10", d.configChanges().get("maxtrace")[0] + " -> " + d.configChanges().get("maxtrace")[1]);
            assertFalse(d.identical());
        }
    }

    @Test
    void exportedRawEventsImportAgainUnchanged() throws IOException {
        List<RawEvent> log = RandomLogs.generate(8, 3000);
        try (CaseStore store = CaseFile.at(dir.resolve("c.db")).create()) {
            RunOutcome first = importText(store, text(log), Settings.none());
            StringWriter out = new StringWriter();
            assertEquals(3000, Exporter.export(store, store.resolveRun(first.runId()), Exporter.What.RAW, Exporter.Format.JSONL, out, TABLE));
            RunOutcome second = importText(store, out.toString(), Settings.none());
            Same.events(log, raw(store, second.runId()), "raw events after export and import");
        }
    }

    @Test
    void exportFormatsAreWellFormed() throws IOException {
        try (CaseStore store = CaseFile.at(dir.resolve("c.db")).create()) {
            importText(store, text(RandomLogs.generate(9, 3000)), Settings.parseTask(TASK));
            RunInfo run = store.resolveRun(null);
            for (Exporter.What what : Exporter.What.values()) {
                StringWriter json = new StringWriter();
                long n = Exporter.export(store, run, what, Exporter.Format.JSON, json, TABLE);
                assertEquals(n, io.syswire.output.Json.MAPPER.readTree(json.toString()).size(), what + " as a JSON array");
                StringWriter jsonl = new StringWriter();
                Exporter.export(store, run, what, Exporter.Format.JSONL, jsonl, TABLE);
                assertEquals(n, jsonl.toString().lines().count(), what + " as JSON Lines");
                StringWriter csv = new StringWriter();
                Exporter.export(store, run, what, Exporter.Format.CSV, csv, TABLE);
                assertTrue(csv.toString().startsWith(what == Exporter.What.TRACES ? "run_id,trace_id,pid" : what == Exporter.What.RAW ? "run_id,seq,ts,kind" : "run_id,seq,ts,pid"));
            }
        }
    }

    @Test
    void rawEventsAreQueryableWithSql() throws IOException, SQLException {
        try (CaseStore store = CaseFile.at(dir.resolve("c.db")).create()) {
            Path sample = Path.of("../samples/synthetic-ping.jsonl");
            Importer.run(store, Files.newBufferedReader(sample), sample.toString(), Settings.parseTask(TASK), TABLE);
            try (Statement s = store.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT seq, kind, syscall, args, cap_effective, has_cap(cap_effective, 'net_raw'), "
                         + "ts FROM raw_events WHERE syscall = 'sendto' ORDER BY seq LIMIT 1")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getLong(1));
                assertEquals("syscall", rs.getString(2));
                assertEquals("sendto", rs.getString(3));
                assertTrue(rs.getString(4).contains("\"addr\":{\"family\":\"AF_INET\""));
                assertEquals("000001ffffffffff", rs.getString(5));
                assertTrue(rs.getBoolean(6));
                assertEquals("2026-11-23T10:00:00.200Z", rs.getObject(7, java.time.OffsetDateTime.class).toInstant().toString());
            }
            try (Statement s = store.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT kind, COUNT(*) FROM raw_events GROUP BY kind ORDER BY kind")) {
                List<String> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + "=" + rs.getLong(2));
                }
                assertEquals(List.of("exit=1", "process=1", "syscall=12"), rows);
            }
        }
    }

    @Test
    void aCaseFromANewerSyswireIsRefusedAndAnOlderOneNeedsConsent() throws IOException, SQLException {
        Path f = dir.resolve("c.db");
        try (CaseStore store = CaseFile.at(f).create()) {
            try (Statement s = store.connection().createStatement()) {
                s.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\", \"type\", \"script\","
                        + " \"installed_by\", \"execution_time\", \"success\") VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 'sa', 0, TRUE)");
            }
            store.connection().commit();
        }
        BadInputException e = assertThrows(BadInputException.class, () -> CaseFile.at(f).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.UPGRADE));
        assertTrue(e.getMessage().contains("has case schema version 99, newer than this syswire knows"), e.getMessage());
    }

    @Test
    void filesThatAreNotCasesAreRefusedInOneLine() throws IOException, SQLException {
        Path junk = Files.write(dir.resolve("junk.db"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        BadInputException e = assertThrows(BadInputException.class, () -> CaseFile.at(junk).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE));
        assertEquals(junk + " is not an H2 database file, so not a syswire case", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(8, Files.size(junk), "the file is left alone");

        Path other = dir.resolve("other.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:h2:syswire:" + other.toAbsolutePath(), "", "")) {
            c.createStatement().execute("CREATE TABLE t(a INT)");
        }
        BadInputException e2 = assertThrows(BadInputException.class, () -> CaseFile.at(other).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE));
        assertEquals(other + " is an H2 database but not a syswire case", e2.getMessage());

        assertThrows(BadInputException.class, () -> CaseFile.at(dir.resolve("missing.db")).open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE));
    }
}
