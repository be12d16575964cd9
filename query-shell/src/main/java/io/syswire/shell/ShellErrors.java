package io.syswire.shell;

import io.syswire.BadInputException;
import io.syswire.kernel.NearestName;
import org.h2.api.ErrorCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Any failure as the one line the user sees. A statement that fails is the user's to fix,
 * so its message is H2's without the statement echoed back and the internal error code;
 * only a bug in syswire is called an internal error, and even then without a stack trace
 * (SYSWIRE_DEBUG=1 prints it).
 */
final class ShellErrors {
    private static final Pattern MISSING_TABLE = Pattern.compile("Table \"([^\"]+)\" not found");

    private ShellErrors() {
    }

    /** @param tables the names to suggest when a table is misspelt */
    static String describe(Throwable t, Collection<String> tables) {
        Throwable e = unwrap(t);
        if (e instanceof BadInputException) {
            return oneLine(e.getMessage());
        }
        if (e instanceof SQLException s) {
            return sql(s, tables);
        }
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file";
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof IOException) {
            return oneLine(e.getMessage());
        }
        return "internal error: " + oneLine(String.valueOf(e)) + (debug() ? "" : " (SYSWIRE_DEBUG=1 shows where)");
    }

    static boolean debug() {
        return "1".equals(System.getenv("SYSWIRE_DEBUG"));
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof UncheckedIOException || e instanceof org.jooq.exception.DataAccessException
                || e instanceof picocli.CommandLine.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    static String sql(SQLException e, Collection<String> tables) {
        return switch (e.getErrorCode()) {
            case ErrorCode.DATABASE_IS_READ_ONLY ->
                    "the case is open read-only: SQL in the shell never changes it (.replay writes new runs)";
            case ErrorCode.STATEMENT_WAS_CANCELED -> "cancelled";
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1, ErrorCode.TABLE_OR_VIEW_NOT_FOUND_WITH_CANDIDATES_2,
                    ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1 -> missingTable(message(e), tables);
            default -> message(e);
        };
    }

    /** H2's message without "; SQL statement: ..." and " [42102-240]", on one line. */
    static String message(SQLException e) {
        String m = e.getMessage() == null ? "unknown error" : e.getMessage();
        int stmt = m.indexOf("; SQL statement:");
        if (stmt >= 0) {
            m = m.substring(0, stmt);
        } else {
            m = m.replaceFirst("\\s*\\[-?\\d+-\\d+]\\s*$", "");
        }
        return oneLine(m);
    }

    private static String missingTable(String message, Collection<String> tables) {
        Matcher m = MISSING_TABLE.matcher(message);
        if (!m.find() || tables.isEmpty()) {
            return message;
        }
        return message + NearestName.hint(m.group(1), tables) + ": .tables lists them";
    }

    static String oneLine(String s) {
        return s == null ? "unknown error" : s.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
