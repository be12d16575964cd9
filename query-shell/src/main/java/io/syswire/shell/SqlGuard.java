package io.syswire.shell;

import io.syswire.BadInputException;
import org.h2.command.CommandInterface;
import org.h2.command.Prepared;
import org.h2.command.dml.Explain;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.message.DbException;
import org.h2.util.HasSQL;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;

/**
 * SQL typed in the shell reads the case and nothing else. H2 is no sandbox: it reads and
 * writes any file through functions (FILE_WRITE, CSVREAD...), runs scripts, links other
 * databases, and compiles the source of a trigger before refusing the DDL in a read-only
 * session. So each statement is checked before it runs, in three steps:
 * <ol>
 * <li>its text names none of H2's functions that reach outside the case, in any spelling
 *     (quoted, or any case), and uses no unicode escapes that could spell one otherwise;
 *     some of them act while H2 merely prepares a statement, so this comes first;</li>
 * <li>H2's own parser makes exactly one statement of it, and it is a query (SELECT, TABLE,
 *     VALUES, WITH, SHOW, EXPLAIN of a query, CALL, HELP): nothing that changes the case,
 *     a setting, or touches a file is ever executed;</li>
 * <li>H2's own rendering of the prepared query, where every function is named canonically,
 *     names none of those functions either.</li>
 * </ol>
 * Ordinary reading SQL over the case is unrestricted.
 */
final class SqlGuard {
    /** H2's functions that read or write files, other databases or other sessions. */
    static final Set<String> OUTSIDE = Set.of("FILE_READ", "FILE_WRITE", "CSVREAD", "CSVWRITE", "LINK_SCHEMA",
            "CANCEL_SESSION", "ABORT_SESSION");
    private static final String WHY = ": the shell's SQL reads the case and nothing else (no files, links, scripts or settings)";
    private static final Set<Integer> QUERIES = Set.of(CommandInterface.SELECT, CommandInterface.CALL, CommandInterface.HELP,
            CommandInterface.EXPLAIN, CommandInterface.EXPLAIN_ANALYZE);

    private SqlGuard() {
    }

    /** @throws BadInputException when the statement would do anything but read the case */
    static void check(String sql, Connection conn) throws SQLException {
        checkWords(sql);
        if (sql.toUpperCase(Locale.ROOT).matches("(?s).*U&\\s*['\"].*")) {
            throw new BadInputException("unicode escapes (U&'...', U&\"...\") are not accepted in the shell" + WHY);
        }
        Prepared p;
        try {
            p = ((SessionLocal) conn.unwrap(JdbcConnection.class).getSession()).prepare(sql);
        } catch (DbException e) {
            throw e.getSQLException(); // a syntax error and the like: reported as H2 says it
        }
        Prepared q = p instanceof Explain e ? e.getCommand() : p;
        if (!QUERIES.contains(p.getType()) || (q != p && !q.isQuery())) {
            throw new BadInputException(refusal(sql, q));
        }
        checkWords(canonical(q.getPlanSQL(HasSQL.DEFAULT_SQL_FLAGS)));
    }

    private static String refusal(String sql, Prepared p) {
        String what = leadingWords(sql);
        int t = p.getType();
        boolean changes = switch (t) {
            case CommandInterface.INSERT, CommandInterface.UPDATE, CommandInterface.DELETE, CommandInterface.MERGE,
                    CommandInterface.REPLACE, CommandInterface.TRUNCATE_TABLE, CommandInterface.COMMENT,
                    CommandInterface.GRANT, CommandInterface.REVOKE, CommandInterface.ANALYZE -> true;
            default -> what.startsWith("CREATE") && !what.contains("LINKED") || what.startsWith("DROP")
                    || what.startsWith("ALTER");
        };
        if (changes) {
            return "the case is open read-only: SQL in the shell never changes it (.replay writes new runs)";
        }
        return what + " is refused" + WHY;
    }

    /** The statement's first words, as a name for it: CREATE LINKED TABLE, SCRIPT, SET. */
    private static String leadingWords(String sql) {
        StringBuilder b = new StringBuilder();
        int words = 0;
        for (String w : sql.strip().split("\\s+")) {
            if (words == 3 || !w.matches("[A-Za-z_]+")) {
                break;
            }
            b.append(words++ == 0 ? "" : " ").append(w.toUpperCase(Locale.ROOT));
        }
        return b.length() == 0 ? "this statement" : b.toString();
    }

    private static void checkWords(String text) {
        int n = text.length();
        for (int i = 0; i < n; ) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                String word = text.substring(start, i).toUpperCase(Locale.ROOT);
                if (OUTSIDE.contains(word)) {
                    throw new BadInputException(word + " is refused" + WHY);
                }
            } else {
                i++;
            }
        }
    }

    /** H2's plan text with its string literals blanked: what remains is names and keywords. */
    private static String canonical(String plan) {
        StringBuilder b = new StringBuilder(plan.length());
        boolean inString = false;
        for (int i = 0; i < plan.length(); i++) {
            char c = plan.charAt(i);
            if (c == '\'') {
                inString = !inString;
                b.append(' ');
            } else {
                b.append(inString ? ' ' : c);
            }
        }
        return b.toString();
    }
}
