package io.syswire.output.rows;

import java.io.IOException;
import java.util.List;

/**
 * One output format for rows of a result: the export command and the shell's {@code .mode}
 * share these. Values are already normalised by {@link ResultRows}: String, Long, Double,
 * Boolean, JSON text (for {@link Column.Kind#JSON}) or an RFC 3339 string (timestamps), or null.
 */
public interface RowWriter {
    void start(List<Column> columns) throws IOException;

    void row(Object[] values) throws IOException;

    /** Ends the result; {@code omitted} rows were left out by a row limit (0 when none). */
    void end(long omitted) throws IOException;
}
