package io.syswire.shell;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Runs one statement at a time, whoever typed it: SQL on the case's read-only connection,
 * or a dot-command. A failure is reported in one line and the shell carries on; the caller
 * learns whether the statement succeeded (scripts turn that into their exit status).
 */
final class Shell {
    private final ShellContext context;
    private final DotCommands commands;
    private final List<String> tables;
    private volatile Statement running;
    private final Object cancelLock = new Object(); // a cancel never outlives its statement

    Shell(ShellContext context, Catalog catalog) {
        this.context = context;
        this.commands = new DotCommands(context);
        this.tables = catalog.tableNames();
    }

    ShellContext context() {
        return context;
    }

    DotCommands commands() {
        return commands;
    }

    boolean quitting() {
        return context.quitting();
    }

    /**
     * @param where where the statement came from, for the error line ("script.sql line 3"), or null
     * @return whether it succeeded
     */
    boolean run(Statements.Piece piece, String where) {
        long start = System.nanoTime();
        boolean ok;
        try {
            if (piece.dot()) {
                commands.execute(piece.text());
            } else {
                sql(piece.text());
            }
            ok = true;
        } catch (Exception | StackOverflowError e) {
            context.console().error("error: " + (where == null ? "" : where + ": ") + ShellErrors.describe(e, tables));
            if (ShellErrors.debug()) {
                e.printStackTrace(context.console().notes());
            }
            ok = false;
        }
        if (context.settings().timer() && !piece.dot()) {
            context.console().note(String.format(Locale.ROOT, "Time: %.3f ms", (System.nanoTime() - start) / 1e6));
        }
        return ok;
    }

    private void sql(String text) throws Exception {
        SqlGuard.check(text, context.store().connection());
        try (Statement st = context.store().connection().createStatement()) {
            running = st;
            if (st.execute(text)) {
                try (ResultSet rs = st.getResultSet()) {
                    context.printer().print(rs);
                }
            }
        } finally {
            synchronized (cancelLock) {
                running = null;
                io.syswire.store.SessionCancel.clear(context.store().connection());
            }
        }
    }

    /** Cancels the statement running now, if any (Ctrl-C); it then fails with "cancelled". */
    void cancel() {
        synchronized (cancelLock) {
            Statement st = running;
            if (st != null) {
                try {
                    st.cancel();
                    io.syswire.store.SessionCancel.cancel(context.store().connection());
                } catch (SQLException e) {
                    // it finished meanwhile
                }
            }
        }
    }
}
