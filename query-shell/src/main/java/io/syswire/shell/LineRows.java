package io.syswire.shell;

import io.syswire.output.rows.Column;
import io.syswire.output.rows.RowWriter;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** One {@code column = value} line per column and a blank line between rows (sqlite3's line mode): for wide rows. */
final class LineRows implements RowWriter {
    private final Writer out;
    private final Layout layout;
    private String[] names;
    private int nameWidth;
    private boolean first = true;

    LineRows(Writer out, Layout layout) {
        this.out = out;
        this.layout = layout;
    }

    @Override
    public void start(List<Column> columns) {
        names = new String[columns.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = Cells.escape(columns.get(i).name().toLowerCase(Locale.ROOT));
            nameWidth = Math.max(nameWidth, Cells.width(names[i]));
        }
    }

    @Override
    public void row(Object[] values) throws IOException {
        StringBuilder b = new StringBuilder(first ? "" : "\n");
        first = false;
        for (int i = 0; i < values.length; i++) {
            b.append(Cells.pad(names[i], nameWidth, true)).append(" = ").append(Cells.text(values[i], layout.nullText()))
                    .append('\n');
        }
        out.write(b.toString());
    }

    @Override
    public void end(long omitted) throws IOException {
        out.flush();
    }
}
