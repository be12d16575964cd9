package io.syswire.store;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One schema object as H2 keeps it in a database file's meta table: its kind and the SQL that
 * H2 runs to recreate it when it opens the file. That SQL is what makes a file able to carry
 * code (a trigger's source, an alias bound to any class), so it is what the allowlist compares.
 */
public record SchemaObject(Kind kind, String sql) {
    /** H2's object types (org.h2.engine.DbObject), named as a message would name them. */
    public enum Kind {
        TABLE_OR_VIEW(0, "table"), INDEX(1, "index"), USER(2, "user"), SEQUENCE(3, "sequence"),
        TRIGGER(4, "trigger"), CONSTRAINT(5, "constraint"), SETTING(6, "setting"), ROLE(7, "role"),
        RIGHT(8, "right"), FUNCTION_ALIAS(9, "alias"), SCHEMA(10, "schema"), CONSTANT(11, "constant"),
        DOMAIN(12, "domain"), COMMENT(13, "comment"), AGGREGATE(14, "aggregate"), SYNONYM(15, "synonym");

        private final int h2Type;
        private final String word;

        Kind(int h2Type, String word) {
            this.h2Type = h2Type;
            this.word = word;
        }

        public String word() {
            return word;
        }

        static Kind ofH2(int type) {
            for (Kind k : values()) {
                if (k.h2Type == type) {
                    return k;
                }
            }
            return null;
        }
    }

    // CREATE [OR REPLACE] [FORCE] [CACHED|MEMORY|...] VIEW|TABLE|... [IF NOT EXISTS] "SCHEMA"."NAME"
    private static final Pattern CREATED = Pattern.compile(
            "^\\s*CREATE\\b.*?\\b(TABLE|VIEW|ALIAS|TRIGGER|INDEX|PRIMARY KEY|USER|SCHEMA|SEQUENCE|CONSTANT|DOMAIN|AGGREGATE|SYNONYM|ROLE)"
                    + "\\s+(?:IF NOT EXISTS\\s+)?((?:\"(?:[^\"]|\"\")*\"\\.)?\"(?:[^\"]|\"\")*\")",
            Pattern.DOTALL);
    private static final Pattern CONSTRAINT_NAME = Pattern.compile(
            "^\\s*ALTER TABLE\\s+((?:\"(?:[^\"]|\"\")*\"\\.)?\"(?:[^\"]|\"\")*\")\\s+ADD CONSTRAINT\\s+((?:\"(?:[^\"]|\"\")*\"\\.)?\"(?:[^\"]|\"\")*\")",
            Pattern.DOTALL);
    private static final Pattern VIEW = Pattern.compile("^\\s*CREATE\\b[^\"(]*\\bVIEW\\b");
    private static final Pattern SETTING_NAME = Pattern.compile("^\\s*SET\\s+(\\S+)");
    private static final Pattern CREATE_BUILD = Pattern.compile("SET CREATE_BUILD \\d{1,9}");
    // H2 writes what it learnt of a column's values (ANALYZE, run on its own as tables grow)
    // into the table's definition: statistics, not schema.
    private static final Pattern SELECTIVITY = Pattern.compile(" SELECTIVITY \\d{1,3}(?=[ ,\n])");

    /**
     * The object with what varies between honest files made alike taken out: the H2 build
     * that created the file, and the column statistics H2 keeps in a table's definition.
     * Everything else must match the migrations byte for byte.
     */
    public SchemaObject normalised() {
        if (kind == Kind.SETTING && CREATE_BUILD.matcher(sql).matches()) {
            return new SchemaObject(kind, "SET CREATE_BUILD ?");
        }
        if (kind == Kind.TABLE_OR_VIEW && sql.startsWith("CREATE CACHED TABLE ")) {
            return new SchemaObject(kind, SELECTIVITY.matcher(sql).replaceAll(""));
        }
        return this;
    }

    /** The object's name as SQL writes it, without the PUBLIC schema: RAW_EVENTS, "odd name". */
    public String name() {
        Matcher m = CREATED.matcher(sql);
        if (m.find()) {
            return display(m.group(2));
        }
        m = CONSTRAINT_NAME.matcher(sql);
        if (m.find()) {
            return display(m.group(2)) + " on " + display(m.group(1));
        }
        m = SETTING_NAME.matcher(sql);
        if (m.find()) {
            return m.group(1);
        }
        String first = sql.strip();
        return first.length() > 40 ? first.substring(0, 40) + "…" : first;
    }

    /** How a message names it: {@code alias EVIL}, {@code trigger T}, {@code view TRACE_SUMMARY}. */
    public String describe() {
        boolean view = kind == Kind.TABLE_OR_VIEW && VIEW.matcher(sql).find();
        return (view ? "view" : kind.word()) + " " + name();
    }

    private static String display(String quoted) {
        String s = quoted.startsWith("\"PUBLIC\".") ? quoted.substring("\"PUBLIC\".".length()) : quoted;
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            String inner = s.substring(1, s.length() - 1).replace("\"\"", "\"");
            // a plain name reads best bare; anything else keeps its quotes
            return inner.matches("[A-Za-z_][A-Za-z0-9_]*") ? inner : s;
        }
        return s;
    }
}
