package io.syswire.shell;

import io.syswire.output.rows.Column;
import io.syswire.output.rows.ResultRows;
import io.syswire.output.rows.RowWriter;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Prints a result in the current mode to the current output. On the terminal, results
 * longer than {@code maxrows} are cut there and the rest is counted, and the user told.
 */
final class ResultPrinter {
    private final CaseSession session;
    private final Console console;
    private final ShellSettings settings;

    ResultPrinter(CaseSession session, Console console, ShellSettings settings) {
        this.session = session;
        this.console = console;
        this.settings = settings;
    }

    /** @return the rows printed */
    long print(ResultSet rs) throws SQLException, IOException {
        OutputMode mode = settings.mode();
        RowWriter writer = mode.writer(console.results(), console.layout(settings.nullValue()));
        Tally tally = new Tally(writer);
        long limit = console.resultsOnTerminal() ? settings.maxRows() : -1;
        long shown = ResultRows.pump(rs, tally, limit);
        console.results().flush();
        if (tally.omitted > 0 && !mode.countsRows()) {
            console.note("(" + shown + " of " + (shown + tally.omitted) + " rows shown: .set maxrows 0 shows all, or use LIMIT)");
        }
        return shown;
    }

    /** Runs a query of the shell's own (a dot-command's) with parameters and prints its result. */
    long query(String sql, Object... params) throws SQLException, IOException {
        try (PreparedStatement ps = session.store().connection().prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return print(rs);
            }
        }
    }

    /** Passes rows through and remembers how many the limit left out. */
    private static final class Tally implements RowWriter {
        private final RowWriter inner;
        private long omitted;

        Tally(RowWriter inner) {
            this.inner = inner;
        }

        @Override
        public void start(List<Column> columns) throws IOException {
            inner.start(columns);
        }

        @Override
        public void row(Object[] values) throws IOException {
            inner.row(values);
        }

        @Override
        public void end(long omitted) throws IOException {
            this.omitted = omitted;
            inner.end(omitted);
        }
    }
}
