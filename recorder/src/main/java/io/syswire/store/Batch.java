package io.syswire.store;

import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.Query;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;

/**
 * One prepared statement, many rows: the SQL is rendered once and rows are bound to it,
 * which is what lets a run write tens of thousands of rows a second.
 */
final class Batch {
    private final DSLContext sql;
    private final Query statement;
    private BatchBindStep pending;
    private int size;

    /** @param statement an insert or merge whose values are {@link #placeholders}, bound by {@link #add} */
    Batch(DSLContext sql, Query statement) {
        this.sql = sql;
        this.statement = statement;
    }

    /**
     * Typed bind placeholders, so that each value binds as its column's type. A JSON
     * placeholder must not be null: jOOQ renders {@code ? FORMAT JSON} only for a non-null
     * JSON value, and without it H2 would store the bound text as a JSON string.
     */
    @SuppressWarnings("unchecked")
    static List<Field<?>> placeholders(Field<?>... columns) {
        List<Field<?>> out = new ArrayList<>(columns.length);
        for (Field<?> c : columns) {
            out.add(c.getType() == JSON.class ? DSL.val(JSON.json("{}"), (Field<JSON>) c) : DSL.val(null, c));
        }
        return out;
    }

    void add(Object... values) {
        if (pending == null) {
            pending = sql.batch(statement);
        }
        pending = pending.bind(values);
        size++;
    }

    int size() {
        return size;
    }

    void execute() {
        if (pending != null) {
            pending.execute();
            pending = null;
            size = 0;
        }
    }
}
