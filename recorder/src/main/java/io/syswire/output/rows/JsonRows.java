package io.syswire.output.rows;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.syswire.output.Json;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * Rows as JSON objects keyed by lower-case column name: a pretty array ({@code json}) or one
 * compact object per line ({@code jsonl}). JSON columns are embedded as JSON, not as strings.
 */
public final class JsonRows implements RowWriter {
    private final JsonGenerator g;
    private final boolean lines;
    private List<Column> columns;

    public JsonRows(Writer out, boolean lines) throws IOException {
        this.g = Json.FACTORY.createGenerator(out);
        this.lines = lines;
        if (lines) {
            g.setRootValueSeparator(null);
        } else {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
        }
    }

    @Override
    public void start(List<Column> columns) throws IOException {
        this.columns = columns;
        if (!lines) {
            g.writeStartArray();
        }
    }

    @Override
    public void row(Object[] values) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < values.length; i++) {
            Column c = columns.get(i);
            g.writeFieldName(c.name().toLowerCase(Locale.ROOT));
            Object v = values[i];
            if (v != null && c.kind() == Column.Kind.JSON) {
                g.writeRawValue(v.toString());
            } else {
                Json.writeValue(g, v instanceof Integer n ? Long.valueOf(n) : v);
            }
        }
        g.writeEndObject();
        if (lines) {
            g.writeRaw('\n');
        }
    }

    @Override
    public void end(long omitted) throws IOException {
        if (!lines) {
            g.writeEndArray();
            g.writeRaw('\n');
        }
        g.flush();
    }
}
