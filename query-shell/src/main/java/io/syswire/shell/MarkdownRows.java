package io.syswire.shell;

import io.syswire.output.rows.Column;
import io.syswire.output.rows.RowWriter;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** A GitHub-flavoured Markdown table, for pasting results into a report; values are never cut. */
final class MarkdownRows implements RowWriter {
    private final Writer out;
    private final Layout layout;

    MarkdownRows(Writer out, Layout layout) {
        this.out = out;
        this.layout = layout;
    }

    @Override
    public void start(List<Column> columns) throws IOException {
        StringBuilder head = new StringBuilder("|");
        StringBuilder rule = new StringBuilder("|");
        for (Column c : columns) {
            head.append(' ').append(cell(c.name().toLowerCase(Locale.ROOT))).append(" |");
            rule.append(c.kind() == Column.Kind.NUMBER ? " ---: |" : " --- |");
        }
        out.write(head.append('\n').append(rule).append('\n').toString());
    }

    @Override
    public void row(Object[] values) throws IOException {
        StringBuilder b = new StringBuilder("|");
        for (Object v : values) {
            b.append(' ').append(cell(Cells.text(v, layout.nullText()))).append(" |");
        }
        out.write(b.append('\n').toString());
    }

    @Override
    public void end(long omitted) throws IOException {
        out.flush();
    }

    private static String cell(String s) {
        return Cells.escape(s).replace("|", "\\|");
    }
}
