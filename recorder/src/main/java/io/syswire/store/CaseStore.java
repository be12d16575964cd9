package io.syswire.store;

import io.syswire.BadInputException;
import io.syswire.config.Config;
import io.syswire.kernel.SyscallTable;
import io.syswire.pipeline.RawEventHandler;
import io.syswire.store.schema.tables.records.RunsRecord;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.store.fs.FilePath;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import static io.syswire.store.schema.Tables.CASE_INFO;
import static io.syswire.store.schema.Tables.RAW_BLOCKS;
import static io.syswire.store.schema.Tables.RUNS;

/**
 * One case: an H2 database file, its schema kept by the Flyway migrations, read and written
 * through the jOOQ classes generated from them.
 */
public final class CaseStore implements AutoCloseable {
    // Strong references: java.util.logging forgets the level of a logger nobody holds.
    private static final Logger QUIET_FLYWAY = Logger.getLogger("org.flywaydb");
    private static final Logger QUIET_JOOQ = Logger.getLogger("org.jooq");

    static {
        // A file-system scheme is JVM-wide by H2's design, like a JDBC driver: register it once.
        FilePath.register(new CaseFilePath());
        // Libraries must not talk on a forensic tool's stdout: no banners, warnings only, via java.util.logging.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        QUIET_FLYWAY.setLevel(Level.OFF);
        QUIET_JOOQ.setLevel(Level.OFF);
    }

    public enum Access { READ_ONLY, READ_WRITE }

    /** The case was made by an older syswire: it can be upgraded, but only when the user agrees. */
    public static final class OlderSchemaException extends BadInputException {
        private final String situation;

        OlderSchemaException(String situation, String remedy) {
            super(situation + ": " + remedy);
            this.situation = situation;
        }

        /** What is the case, without the advice to rerun (for a question asked interactively). */
        public String situation() {
            return situation;
        }
    }

    /** What to do with a case made by an older syswire. */
    public enum Upgrade { REFUSE, UPGRADE }

    private final Path file;
    private final Access access;
    private final Connection conn;
    private final DSLContext sql;
    private boolean wrote;

    private CaseStore(Path file, Access access, Connection conn) {
        this.file = file;
        this.access = access;
        this.conn = conn;
        this.sql = DSL.using(conn, SQLDialect.H2);
    }

    /** Creates a new case file (mode 0600) with the current schema. Refuses to touch an existing file. */
    public static CaseStore create(Path file) {
        Path f = file.toAbsolutePath().normalize();
        try {
            Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new BadInputException(file + " already exists");
        } catch (IOException e) {
            throw new BadInputException("cannot create " + file + ": " + e.getMessage());
        }
        try {
            migrate(f);
            return connect(f, Access.READ_WRITE);
        } catch (RuntimeException | Error e) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // the original failure is what matters
            }
            throw e;
        }
    }

    /** Opens an existing case. A newer schema is refused; an older one is upgraded only when asked. */
    public static CaseStore open(Path file, Access access, Upgrade upgrade) {
        Path f = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(f)) {
            throw new BadInputException(file + ": no such case file");
        }
        if (!Files.isReadable(f)) {
            throw new BadInputException(file + ": permission denied");
        }
        CaseStore store = connect(f, access);
        try {
            store.checkIsCase();
            List<Integer> current;
            try {
                current = CaseSchema.applied(store.conn);
            } catch (SQLException e) {
                throw new BadInputException(file + " is an H2 database but not a syswire case (no schema history)");
            }
            List<Integer> latest = CaseSchema.latestBundled();
            int cmp = current == null ? -1 : CaseSchema.compare(current, latest);
            if (cmp > 0) {
                throw new BadInputException(file + " has case schema version " + CaseSchema.format(current)
                        + ", newer than this syswire knows (" + CaseSchema.format(latest) + "): use a newer syswire");
            }
            if (cmp < 0) {
                if (upgrade != Upgrade.UPGRADE || access == Access.READ_ONLY) {
                    throw new OlderSchemaException(file + " has case schema version " + CaseSchema.format(current)
                            + " and this syswire uses " + CaseSchema.format(latest), "rerun with --upgrade to upgrade it"
                            + " (keep a copy: older syswire versions cannot read it afterwards)");
                }
                migrate(f);
            }
            if (access == Access.READ_WRITE) {
                store.markAbandonedRuns();
            }
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static void migrate(Path f) {
        try {
            flyway(f).migrate();
        } catch (FlywayException e) {
            throw new BadInputException("cannot set up the case schema in " + f + ": " + firstLine(e.getMessage()));
        }
    }

    private static Flyway flyway(Path f) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url(f, Access.READ_WRITE));
        return Flyway.configure(CaseStore.class.getClassLoader()).dataSource(ds)
                .locations("classpath:db/migration").loggers("org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator").load();
    }

    static String url(Path f, Access access) {
        // No COMPRESS while writing: SHUTDOWN COMPACT rewrites every page compressed at close
        // (the same file size either way), and compressing pages as they were written took a
        // sixth of the recorder's CPU during a flood.
        return "jdbc:h2:" + CaseFilePath.SCHEME + ":" + f + ";IFEXISTS=TRUE;TRACE_LEVEL_FILE=0;DB_CLOSE_ON_EXIT=FALSE"
                + (access == Access.READ_ONLY ? ";ACCESS_MODE_DATA=r" : "");
    }

    private static CaseStore connect(Path f, Access access) {
        try {
            Connection c = DriverManager.getConnection(url(f, access), "", "");
            return new CaseStore(f, access, c);
        } catch (SQLException e) {
            throw new BadInputException(f + " is not a usable case database: " + describe(e));
        }
    }

    private static String describe(SQLException e) {
        String m = firstLine(e.getMessage());
        int bracket = m.lastIndexOf(" [");
        m = bracket > 0 ? m.substring(0, bracket) : m;
        return switch (e.getErrorCode()) {
            case 90020 -> "it is open in another process (a running recording or shell)";
            case 90028, 90030, 90048, 90049 -> "not an H2 database file, or a damaged one";
            case 90146 -> "no such file";
            default -> m.replace(CaseFilePath.SCHEME + ":", "").replace(".mv.db", "");
        };
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).trim();
    }

    private void checkIsCase() {
        try {
            String format = sql.select(CASE_INFO.CONTENT).from(CASE_INFO).where(CASE_INFO.ITEM.eq("format")).fetchOne(CASE_INFO.CONTENT);
            if (!"syswire-case".equals(format)) {
                throw new BadInputException(file + " is an H2 database but not a syswire case");
            }
        } catch (org.jooq.exception.DataAccessException e) {
            throw new BadInputException(file + " is an H2 database but not a syswire case");
        }
    }

    /**
     * A run still marked running when we hold the case's write lock was cut off (the recorder
     * was killed or the machine went down): it keeps what it committed, marked interrupted.
     * An import or replay never shows up here: it is one transaction, rolled back by H2.
     */
    private void markAbandonedRuns() {
        int n = sql.update(RUNS).set(RUNS.STATUS, "interrupted").where(RUNS.STATUS.eq("running")).execute();
        if (n > 0) {
            try {
                if (!conn.getAutoCommit()) {
                    conn.commit();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public Path file() {
        return file;
    }

    public Access access() {
        return access;
    }

    /** The jOOQ view of this case; statements run on the store's one connection. */
    public DSLContext sql() {
        return sql;
    }

    public Connection connection() {
        return conn;
    }

    /**
     * Stops the statement running on this case's connection, from another thread (Ctrl-C),
     * with {@code Statement.cancel()}. JDBC's cancel marks the statement's command, which a
     * scan of raw_events loses track of (it reads each block with a statement of its own on
     * the same session), so the session's flag is raised too: H2 checks it while it scans.
     */
    public void cancelStatement() throws SQLException {
        if (!conn.isClosed() && conn.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
            session.cancel();
        }
    }

    /** Drops a cancel that came too late for its statement, so that the next one runs. */
    public void clearCancel() throws SQLException {
        if (!conn.isClosed() && conn.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
            session.setQueryTimeout(session.getQueryTimeout()); // also resets the cancel time
        }
    }

    public List<RunInfo> runs() {
        List<RunInfo> out = new ArrayList<>();
        for (RunsRecord r : sql.selectFrom(RUNS).orderBy(RUNS.RUN_ID).fetch()) {
            out.add(toInfo(r));
        }
        return out;
    }

    public Optional<RunInfo> run(int runId) {
        RunsRecord r = sql.selectFrom(RUNS).where(RUNS.RUN_ID.eq(runId)).fetchOne();
        return Optional.ofNullable(r).map(CaseStore::toInfo);
    }

    /** The run a command means: the one asked for, or the newest. */
    public RunInfo resolveRun(Integer runId) {
        if (runId != null) {
            return run(runId).orElseThrow(() -> new BadInputException(file + " has no run " + runId + runList()));
        }
        List<RunInfo> all = runs();
        if (all.isEmpty()) {
            throw new BadInputException(file + " has no runs yet");
        }
        return all.get(all.size() - 1);
    }

    private String runList() {
        List<RunInfo> all = runs();
        if (all.isEmpty()) {
            return " (it has none)";
        }
        return " (runs: " + all.get(0).runId() + ".." + all.get(all.size() - 1).runId() + ")";
    }

    /** The run whose raw events a run's trace events refer to (a replay's chain of parents ends at evidence). */
    public RunInfo evidenceRun(RunInfo run) {
        RunInfo r = run;
        while (!r.kind().storesRawEvents()) {
            r = run(r.parentRunId()).orElseThrow(() -> new BadInputException("run " + run.runId() + " lost its parent"));
        }
        return r;
    }

    /** Starts a run; the returned writer is the run's sink in the pipeline. */
    public RunWriter beginRun(RunKind kind, Integer parentRunId, Config config, String source, SyscallTable table,
                              RunWriter.Commit commit) {
        if (access == Access.READ_ONLY) {
            throw new IllegalStateException("case opened read-only");
        }
        return new RunWriter(this, kind, parentRunId, config, source, table, commit);
    }

    /** Feeds a stored run's raw events, in order, to a handler (the source of replays and exports). */
    public void readRaw(int runId, RawEventHandler handler) {
        // Fetch keys first and data block by block: a run may hold gigabytes.
        for (var k : sql.select(RAW_BLOCKS.BLOCK_NO, RAW_BLOCKS.FIRST_SEQ, RAW_BLOCKS.EVENT_COUNT)
                .from(RAW_BLOCKS).where(RAW_BLOCKS.RUN_ID.eq(runId)).orderBy(RAW_BLOCKS.BLOCK_NO).fetch()) {
            byte[] data = sql.select(RAW_BLOCKS.DATA).from(RAW_BLOCKS)
                    .where(RAW_BLOCKS.RUN_ID.eq(runId).and(RAW_BLOCKS.BLOCK_NO.eq(k.value1()))).fetchOne(RAW_BLOCKS.DATA);
            RawBlockDecoder d = new RawBlockDecoder(data, k.value3());
            while (d.hasNext()) {
                handler.accept(d.next());
            }
        }
    }

    int nextRunId() {
        Integer max = sql.select(DSL.max(RUNS.RUN_ID)).from(RUNS).fetchOne(0, Integer.class);
        return max == null ? 1 : max + 1;
    }

    static RunInfo toInfo(RunsRecord r) {
        return new RunInfo(r.getRunId(), RunKind.byLabel(r.getKind()), r.getParentRunId(),
                r.getConfig() == null ? null : r.getConfig().data(), r.getTask(), r.getSource(), r.getStatus(),
                Times.nanos(r.getStartedAt()), Times.nanos(r.getEndedAt()), Times.nanos(r.getFirstEventTs()),
                Times.nanos(r.getLastEventTs()), r.getRawEvents(), r.getLostEvents(), r.getTraces(),
                r.getTransitions(), r.getIncompleteTraces(), r.getKernelSeen(), r.getKernelForwarded(),
                r.getKernelDropped(), r.getKernelReadFailures());
    }

    /** A run was written: closing will compact the file. */
    void wrote() {
        wrote = true;
    }

    /**
     * Closes the case. After writing, H2 rewrites the file compactly into a new file that it
     * renames over the old one (dead pages of a long write are dropped and pages compressed:
     * several times smaller). Reading leaves the file as it was.
     */
    @Override
    public void close() {
        try {
            if (!conn.isClosed()) {
                if (wrote && access == Access.READ_WRITE) {
                    try (var s = conn.createStatement()) {
                        s.execute("SHUTDOWN COMPACT");
                    }
                }
                conn.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("closing " + file + ": " + firstLine(e.getMessage()), e);
        }
    }
}
