package io.syswire.store;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * Lets a case live at exactly the path the user names ({@code case.db}) although H2 names
 * database files {@code <name>.mv.db}: URLs with the {@code syswire:} scheme map
 * {@code X.mv.db} to {@code X}. Other files H2 might make (temporary results) keep their names.
 */
public final class CaseFilePath extends FilePathWrapper {
    static final String SCHEME = "syswire";
    private static final String SUFFIX = ".mv.db";

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

    /** H2 normalises the database name through this and strips the suffix again: keep it. */
    @Override
    public FilePath toRealPath() {
        String real = getBase().toRealPath().toString();
        return getPath(getPrefix() + real + (name.endsWith(SUFFIX) ? SUFFIX : ""));
    }
}
