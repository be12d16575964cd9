package io.syswire.shell;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The SQL words the completer offers and the highlighter colours: H2's keywords and its common functions. */
final class SqlWords {
    /** Words that begin a statement, offered first at its start. */
    static final List<String> STARTERS = List.of("SELECT", "WITH", "EXPLAIN", "SHOW", "VALUES", "TABLE", "CALL",
            "HELP", "SET");

    static final List<String> KEYWORDS = List.of(
            "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "OFFSET", "FETCH", "FIRST", "NEXT",
            "ROWS", "ROW", "ONLY", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "FULL", "CROSS", "NATURAL", "ON",
            "USING", "AS", "DISTINCT", "ALL", "AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "ILIKE", "REGEXP",
            "BETWEEN", "EXISTS", "CASE", "WHEN", "THEN", "ELSE", "END", "UNION", "INTERSECT", "EXCEPT", "MINUS",
            "ANY", "SOME", "WITH", "RECURSIVE", "ASC", "DESC", "NULLS", "LAST", "VALUES", "TRUE", "FALSE",
            "UNKNOWN", "CAST", "INTERVAL", "OVER", "PARTITION", "WINDOW", "WITHIN", "FILTER", "QUALIFY",
            "EXPLAIN", "ANALYZE", "SHOW", "TABLES", "COLUMNS", "SCHEMAS", "TABLE", "CALL", "HELP", "SET",
            "ESCAPE", "TOP", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIMESTAMP", "TIMESTAMP",
            "DATE", "TIME", "ZONE", "INTEGER", "BIGINT", "VARCHAR", "BOOLEAN", "DOUBLE", "PRECISION", "DECIMAL",
            "NUMERIC", "CHARACTER", "VARYING", "JSON", "FORMAT", "ARRAY", "UNNEST", "LATERAL", "DEFAULT");

    /** H2 functions an analyst reaches for; the case's own (cap_names, has_cap) come from its catalogue. */
    static final List<String> FUNCTIONS = List.of(
            "COUNT", "SUM", "MIN", "MAX", "AVG", "LISTAGG", "ARRAY_AGG", "STRING_AGG", "ANY_VALUE", "EVERY",
            "BOOL_AND", "BOOL_OR", "MEDIAN", "MODE", "PERCENTILE_CONT", "PERCENTILE_DISC", "STDDEV_POP",
            "STDDEV_SAMP", "VAR_POP", "VAR_SAMP", "ROW_NUMBER", "RANK", "DENSE_RANK", "NTILE", "LAG", "LEAD",
            "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE", "COALESCE", "NULLIF", "GREATEST", "LEAST", "IFNULL", "NVL",
            "LOWER", "UPPER", "LENGTH", "CHAR_LENGTH", "SUBSTRING", "SUBSTR", "POSITION", "LOCATE", "INSTR", "TRIM",
            "LTRIM", "RTRIM", "LPAD", "RPAD", "REPLACE", "CONCAT", "CONCAT_WS", "LEFT", "RIGHT", "REPEAT",
            "REGEXP_LIKE", "REGEXP_REPLACE", "REGEXP_SUBSTR", "TO_CHAR", "TO_NUMBER", "ABS", "ROUND", "FLOOR",
            "CEIL", "MOD", "POWER", "BITAND", "BITOR", "BITXOR", "EXTRACT", "DATEADD", "DATEDIFF", "DATE_TRUNC",
            "TIMESTAMPADD", "TIMESTAMPDIFF", "EPOCH", "FORMATDATETIME", "PARSEDATETIME", "NOW", "JSON_OBJECT",
            "JSON_ARRAY", "JSON_OBJECTAGG", "JSON_ARRAYAGG", "CARDINALITY", "ARRAY_CONTAINS", "HEXTORAW",
            "RAWTOHEX");

    private static final Set<String> KEYWORD_SET = Set.copyOf(KEYWORDS);

    private SqlWords() {
    }

    static boolean isKeyword(String word) {
        return KEYWORD_SET.contains(word.toUpperCase(Locale.ROOT));
    }
}
