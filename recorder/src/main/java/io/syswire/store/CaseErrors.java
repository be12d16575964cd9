package io.syswire.store;

import org.h2.mvstore.MVStoreException;

import java.sql.SQLException;

/** What went wrong with a case file, in words: H2's exceptions name classes and codes, not problems. */
final class CaseErrors {
    private CaseErrors() {
    }

    /** Why the MVStore layer could not read a file, completing "FILE ...". */
    static String storeProblem(Throwable e) {
        Throwable t = e;
        while (t != null && !(t instanceof MVStoreException)) {
            t = t.getCause();
        }
        if (t instanceof MVStoreException m) {
            return switch (m.getErrorCode()) {
                case org.h2.mvstore.DataUtils.ERROR_FILE_LOCKED -> "is open in another process (a running recording or shell)";
                case org.h2.mvstore.DataUtils.ERROR_UNSUPPORTED_FORMAT -> "is an H2 file of a format this syswire cannot read";
                case org.h2.mvstore.DataUtils.ERROR_READING_FAILED -> "cannot be read: " + Printable.quote(firstLine(m.getMessage()));
                default -> "is damaged: its pages do not read back (" + kind(m.getErrorCode()) + ")";
            };
        }
        if (e instanceof OutOfMemoryError || e instanceof StackOverflowError) {
            return "is damaged: its pages describe structures too large to read";
        }
        return "is damaged: its pages do not read back";
    }

    private static String kind(int code) {
        return switch (code) {
            case org.h2.mvstore.DataUtils.ERROR_FILE_CORRUPT -> "corrupt chunk";
            case org.h2.mvstore.DataUtils.ERROR_CHUNK_NOT_FOUND, org.h2.mvstore.DataUtils.ERROR_BLOCK_NOT_FOUND -> "missing chunk";
            case org.h2.mvstore.DataUtils.ERROR_UNKNOWN_DATA_TYPE, org.h2.mvstore.DataUtils.ERROR_SERIALIZATION -> "unreadable types";
            case org.h2.mvstore.DataUtils.ERROR_TRANSACTION_CORRUPT -> "corrupt transaction log";
            default -> "error " + code;
        };
    }

    /** Why the SQL engine refused a case it was given, completing "FILE is not a usable case database: ...". */
    static String sqlProblem(SQLException e) {
        String m = firstLine(e.getMessage());
        int bracket = m.lastIndexOf(" [");
        m = bracket > 0 ? m.substring(0, bracket) : m;
        return switch (e.getErrorCode()) {
            case 90020 -> "it is open in another process (a running recording or shell)";
            case 90028, 90030, 90048, 90049 -> "not an H2 database file, or a damaged one";
            case 90146 -> "no such file";
            default -> Printable.quote(m.replace(CaseFilePath.SCHEME + ":", "").replace(".mv.db", ""));
        };
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).trim();
    }
}
