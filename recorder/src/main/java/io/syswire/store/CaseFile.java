package io.syswire.store;

import io.syswire.BadInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * A case file: created here (mode 0600, current schema), checked here, opened here. Every
 * command that opens a case comes through {@link #open}, which decides before H2's SQL engine
 * sees the file that it is a clean syswire case: an H2 file whose storage names only H2's own
 * types, whose schema objects are exactly those syswire's migrations create for its version
 * ({@link SchemaAllowlist}), of a version this syswire can open. A file that fails is refused
 * in one line and left exactly as it was; nothing it carries runs, at open or after.
 */
public final class CaseFile {
    private static final byte[] H2_HEADER = "H:2,".getBytes(StandardCharsets.US_ASCII);

    private final String given;
    private final Path path;

    private CaseFile(String given, Path path) {
        this.given = given;
        this.path = path;
    }

    /** The case at a path as the user wrote it (a trailing / names a directory, never a case). */
    public static CaseFile at(String given) {
        if (given == null || given.isEmpty()) {
            throw new BadInputException("the case file name is empty");
        }
        if (given.indexOf('\0') >= 0) {
            throw new BadInputException("the case file name '" + Printable.quote(given) + "' holds a NUL character");
        }
        if (given.endsWith("/")) {
            throw new BadInputException(Printable.quote(given, 4096) + " ends with /: that names a directory, not a case file");
        }
        return new CaseFile(given, Path.of(given).toAbsolutePath().normalize());
    }

    public static CaseFile at(Path p) {
        return at(p.toString());
    }

    public Path path() {
        return path;
    }

    @Override
    public String toString() {
        return Printable.quote(given, 4096);
    }

    public boolean exists() {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS) || Files.exists(path);
    }

    /** Creates a new case file (mode 0600) with the current schema. Refuses to touch an existing file. */
    public CaseStore create() {
        CaseEngine.prepare();
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new BadInputException(this + " already exists");
        } catch (IOException e) {
            throw new BadInputException("cannot create " + this + ": " + Printable.quote(e.getMessage()));
        }
        try {
            Migrations.migrate(path);
            return connect(CaseStore.Access.READ_WRITE);
        } catch (RuntimeException | Error e) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // the original failure is what matters
            }
            throw e;
        }
    }

    /** What the check found: the file's schema version and whether it is older than this syswire's. */
    public record Inspection(String version, boolean older) {
    }

    /**
     * Checks the file without opening it in H2: a clean syswire case of a version this
     * syswire can open (or upgrade). Reads only; never writes.
     *
     * @throws BadInputException naming the problem otherwise
     */
    public Inspection inspect() {
        CaseEngine.prepare();
        if (Files.isDirectory(path)) {
            throw new BadInputException(this + " is a directory, not a case file");
        }
        if (!Files.isRegularFile(path)) {
            throw new BadInputException(this + (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                    ? " is not a regular file (a device, pipe or dangling link), not a case" : ": no such case file"));
        }
        if (!Files.isReadable(path)) {
            throw new BadInputException(this + ": permission denied");
        }
        checkHeader();
        MetaReader.FileMeta meta = MetaReader.read(path, toString());
        if (!meta.hasHistoryTable() && meta.caseFormat() == null) {
            throw new BadInputException(this + " is an H2 database but not a syswire case");
        }
        String version = appliedVersion(meta);
        SchemaAllowlist allowlist = SchemaAllowlist.bundled();
        String latest = allowlist.latest();
        if (CaseSchema.compare(version, latest) > 0) {
            throw new BadInputException(this + " has case schema version " + version
                    + ", newer than this syswire knows (" + latest + "): use a newer syswire");
        }
        if (!allowlist.knows(version)) {
            throw new BadInputException(this + " has case schema version " + version + ", which no syswire makes");
        }
        String wrong = allowlist.mismatch(version, meta.objects());
        if (wrong != null) {
            throw new BadInputException(this + " " + wrong + "; refusing to open it");
        }
        if (!"syswire-case".equals(meta.caseFormat())) {
            throw new BadInputException(this + " is an H2 database but not a syswire case (no case marker)");
        }
        return new Inspection(version, CaseSchema.compare(version, latest) < 0);
    }

    private void checkHeader() {
        byte[] head = new byte[H2_HEADER.length];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new BadInputException(this + " cannot be read: " + Printable.quote(e.getMessage()));
        }
        if (n == 0) {
            throw new BadInputException(this + " is empty: not a syswire case");
        }
        if (n < head.length || !Arrays.equals(head, H2_HEADER)) {
            throw new BadInputException(this + " is not an H2 database file, so not a syswire case");
        }
    }

    private String appliedVersion(MetaReader.FileMeta meta) {
        String best = null;
        for (MetaReader.AppliedMigration m : meta.history()) {
            if (m.version() == null) {
                continue; // a repeatable or baseline marker: not a version
            }
            if (!CaseSchema.isVersion(m.version())) {
                throw new BadInputException(this + " has a schema history that names version '"
                        + Printable.quote(m.version()) + "', which is no syswire schema version");
            }
            if (!m.success()) {
                throw new BadInputException(this + " has a schema upgrade to version " + m.version()
                        + " that failed part-way: the case is damaged");
            }
            if (best == null || CaseSchema.compare(m.version(), best) > 0) {
                best = m.version();
            }
        }
        if (best == null) {
            throw new BadInputException(this + " is an H2 database but not a syswire case (no schema history)");
        }
        return best;
    }

    /**
     * Opens the case after {@link #inspect} passed. A newer schema is refused; an older one is
     * upgraded only when asked and only for writing. Opening for writing repairs runs a killed
     * recorder left behind.
     */
    public CaseStore open(CaseStore.Access access, CaseStore.Upgrade upgrade) {
        Inspection found = inspect();
        if (access == CaseStore.Access.READ_WRITE && !Files.isWritable(path)) {
            throw new BadInputException(this + " is not writable");
        }
        if (found.older()) {
            if (upgrade != CaseStore.Upgrade.UPGRADE || access == CaseStore.Access.READ_ONLY) {
                throw new CaseStore.OlderSchemaException(this + " has case schema version " + found.version()
                        + " and this syswire uses " + SchemaAllowlist.bundled().latest(), "rerun with --upgrade to upgrade it"
                        + " (keep a copy: older syswire versions cannot read it afterwards)");
            }
            Migrations.migrate(path);
            inspect();
        }
        CaseStore store = connect(access);
        if (access == CaseStore.Access.READ_WRITE) {
            try {
                int cutOff = AbandonedRuns.mark(store);
                if (ChainBackfill.run(store.connection(), store.sql())) {
                    store.wrote();
                }
                if (RawIndexBackfill.run(store.connection())) {
                    store.wrote();
                }
                if (cutOff > 0) {
                    // A killed writer left its dead pages behind (a flood's case several times
                    // its size). H2 compacts into a new file renamed over this one: a crash
                    // meanwhile leaves the old file whole.
                    store.compact();
                    store = connect(access);
                }
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }
        return store;
    }

    private CaseStore connect(CaseStore.Access access) {
        try {
            Connection c = DriverManager.getConnection(CaseStore.url(path, access), "", "");
            return new CaseStore(this, access, c);
        } catch (SQLException e) {
            throw new BadInputException(this + " is not a usable case database: " + CaseErrors.sqlProblem(e));
        }
    }

    /** The versions this syswire can open, oldest first (for messages and tests). */
    public static List<String> knownVersions() {
        return SchemaAllowlist.bundled().versions();
    }
}
