package io.syswire.output.rows;

import io.syswire.store.Times;
import io.syswire.time.Rfc3339;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Pumps a JDBC result into a {@link RowWriter}, normalising values on the way. */
public final class ResultRows {
    private ResultRows() {
    }

    public static List<Column> columns(ResultSetMetaData md) throws SQLException {
        List<Column> cols = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            cols.add(new Column(md.getColumnLabel(i), kindOf(md.getColumnType(i), md.getColumnTypeName(i))));
        }
        return cols;
    }

    static Column.Kind kindOf(int sqlType, String typeName) {
        if ("JSON".equalsIgnoreCase(typeName)) {
            return Column.Kind.JSON;
        }
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                    Types.REAL, Types.FLOAT, Types.DOUBLE -> Column.Kind.NUMBER;
            case Types.BOOLEAN, Types.BIT -> Column.Kind.BOOLEAN;
            case Types.TIMESTAMP_WITH_TIMEZONE -> Column.Kind.TIMESTAMP;
            default -> Column.Kind.TEXT;
        };
    }

    /**
     * Writes up to {@code limit} rows (all when limit < 0) and reports how many more there were.
     * @return rows written
     */
    public static long pump(ResultSet rs, RowWriter out, long limit) throws SQLException, IOException {
        List<Column> cols = columns(rs.getMetaData());
        out.start(cols);
        long written = 0;
        long omitted = 0;
        Object[] row = new Object[cols.size()];
        while (rs.next()) {
            if (limit >= 0 && written >= limit) {
                omitted++;
                continue;
            }
            for (int i = 0; i < row.length; i++) {
                row[i] = value(rs, i + 1, cols.get(i).kind());
            }
            out.row(row);
            written++;
        }
        out.end(omitted);
        return written;
    }

    static Object value(ResultSet rs, int i, Column.Kind kind) throws SQLException {
        Object o = rs.getObject(i);
        if (o == null) {
            return null;
        }
        return switch (kind) {
            case JSON -> o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : o.toString();
            case TIMESTAMP -> o instanceof OffsetDateTime t ? Rfc3339.format(Times.nanos(t)) : o.toString();
            case NUMBER -> o instanceof Number n ? n : o.toString();
            case BOOLEAN -> o instanceof Boolean b ? b : o.toString();
            case TEXT -> o instanceof byte[] b ? hex(b) : o.toString();
        };
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder(b.length * 2);
        for (byte x : b) {
            s.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return s.toString();
    }
}
