package io.syswire.output.rows;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** RFC 4180 CSV with a header line. */
public final class CsvRows implements RowWriter {
    private final Writer out;

    public CsvRows(Writer out) {
        this.out = out;
    }

    @Override
    public void start(List<Column> columns) throws IOException {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(columns.get(i).name().toLowerCase(java.util.Locale.ROOT)));
        }
        out.write("\r\n");
    }

    @Override
    public void row(Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            if (values[i] != null) {
                out.write(quote(values[i].toString()));
            }
        }
        out.write("\r\n");
    }

    @Override
    public void end(long omitted) throws IOException {
        out.flush();
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
