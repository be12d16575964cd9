package io.syswire.shell;

import io.syswire.output.rows.Column;
import io.syswire.output.rows.RowWriter;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An aligned table, the shell's default mode: numbers right-aligned, and when the table is
 * wider than the terminal the widest columns are narrowed and their values cut with a
 * marker. Rows are held until the end, since every row decides the widths.
 */
final class TableRows implements RowWriter {
    private static final int NARROWEST = 4;

    private final Writer out;
    private final Layout layout;
    private List<Column> columns;
    private final List<String[]> rows = new ArrayList<>();

    TableRows(Writer out, Layout layout) {
        this.out = out;
        this.layout = layout;
    }

    @Override
    public void start(List<Column> columns) {
        this.columns = columns;
    }

    @Override
    public void row(Object[] values) {
        String[] cells = new String[values.length];
        for (int i = 0; i < values.length; i++) {
            cells[i] = Cells.text(values[i], layout.nullText());
        }
        rows.add(cells);
    }

    @Override
    public void end(long omitted) throws IOException {
        int n = columns.size();
        String[] header = new String[n];
        int[] natural = new int[n];
        for (int i = 0; i < n; i++) {
            header[i] = Cells.escape(columns.get(i).name().toLowerCase(Locale.ROOT));
            natural[i] = Cells.width(header[i]);
        }
        for (String[] r : rows) {
            for (int i = 0; i < n; i++) {
                natural[i] = Math.max(natural[i], Cells.width(r[i]));
            }
        }
        int[] widths = layout.width() > 0 ? fit(natural, layout.width() - (3 * n + 1)) : natural;
        String rule = rule(widths);
        out.write(rule);
        line(header, widths, new boolean[n]);
        out.write(rule);
        boolean[] right = new boolean[n];
        for (int i = 0; i < n; i++) {
            right[i] = columns.get(i).kind() == Column.Kind.NUMBER;
        }
        for (String[] r : rows) {
            line(r, widths, right);
        }
        if (!rows.isEmpty()) {
            out.write(rule);
        }
        out.write(footer(rows.size(), omitted));
        out.flush();
    }

    static String footer(long shown, long omitted) {
        if (omitted > 0) {
            return "(" + shown + " of " + (shown + omitted) + " rows shown: .set maxrows 0 shows all, or use LIMIT)\n";
        }
        return shown == 1 ? "(1 row)\n" : "(" + shown + " rows)\n";
    }

    /**
     * Column widths that fit {@code budget}: the widest columns give way first, down to a
     * few characters each; if even that is too wide the table is left to wrap.
     */
    static int[] fit(int[] natural, int budget) {
        int total = 0;
        for (int w : natural) {
            total += w;
        }
        if (total <= budget) {
            return natural.clone();
        }
        // The largest cap c with sum(min(w, c)) <= budget; the columns at the cap share what is left.
        int lo = NARROWEST;
        int hi = 0;
        for (int w : natural) {
            hi = Math.max(hi, w);
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (capped(natural, mid) <= budget) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int[] out = new int[natural.length];
        int left = budget - capped(natural, lo);
        for (int i = 0; i < natural.length; i++) {
            out[i] = Math.min(natural[i], lo);
            if (natural[i] > lo && left > 0) {
                out[i]++;
                left--;
            }
        }
        return out;
    }

    private static int capped(int[] natural, int cap) {
        int sum = 0;
        for (int w : natural) {
            sum += Math.min(w, cap);
        }
        return sum;
    }

    private static String rule(int[] widths) {
        StringBuilder b = new StringBuilder("+");
        for (int w : widths) {
            b.append("-".repeat(w + 2)).append('+');
        }
        return b.append('\n').toString();
    }

    private void line(String[] cells, int[] widths, boolean[] right) throws IOException {
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            String cell = Cells.fit(cells[i], widths[i], layout.ellipsis());
            b.append(' ').append(Cells.pad(cell, widths[i], right[i])).append(" |");
        }
        out.write(b.append('\n').toString());
    }
}
