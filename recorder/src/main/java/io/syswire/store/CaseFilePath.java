package io.syswire.store;

import org.h2.store.fs.FilePath;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.h2.store.fs.FilePathWrapper;

/**
 * Lets a case live at exactly the path the user names ({@code case.db}) although H2 names
 * database files {@code <name>.mv.db}: URLs with the {@code syswire:} scheme map
 * {@code X.mv.db} to {@code X}. Other files H2 makes (temporary results, the copy that
 * compaction renames over the case) keep their names. Every file H2 creates through this
 * scheme is created readable and writable by its owner only: cases hold evidence.
 */
public final class CaseFilePath extends FilePathWrapper {
    static final String SCHEME = "syswire";
    private static final String SUFFIX = ".mv.db";
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    protected FilePath unwrap(String path) {
        String p = path.substring(SCHEME.length() + 1);
        if (p.endsWith(SUFFIX)) {
            p = p.substring(0, p.length() - SUFFIX.length());
        }
        return FilePath.get(p);
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        if (mode.contains("w")) {
            createPrivately();
        }
        return super.open(mode);
    }

    @Override
    public OutputStream newOutputStream(boolean append) throws IOException {
        createPrivately();
        return super.newOutputStream(append);
    }

    @Override
    public boolean createFile() {
        try {
            Files.createFile(Path.of(getBase().toString()), OWNER_ONLY);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void createPrivately() throws IOException {
        try {
            Files.createFile(Path.of(getBase().toString()), OWNER_ONLY);
        } catch (FileAlreadyExistsException e) {
            // an existing file keeps the mode it has
        }
    }

    /** H2 normalises the database name through this and strips the suffix again: keep it. */
    @Override
    public FilePath toRealPath() {
        String real = getBase().toRealPath().toString();
        return getPath(getPrefix() + real + (name.endsWith(SUFFIX) ? SUFFIX : ""));
    }
}
