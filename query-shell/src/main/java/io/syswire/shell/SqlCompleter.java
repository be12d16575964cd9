package io.syswire.shell;

import org.jline.reader.Candidate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Completion inside SQL. What fits where the cursor is comes first (Tab inserts the first
 * candidate and cycles through the rest): after FROM or JOIN the tables and views; at the
 * start of a statement the words that begin one; elsewhere the columns of the tables the
 * statement names ({@code t.} offers those of the table aliased t), then functions and
 * keywords. Within a group the shortest comes first, so {@code trac} gives {@code traces}.
 */
final class SqlCompleter {
    private static final Set<String> TABLE_BEFORE = Set.of("FROM", "JOIN", "INTO", "UPDATE", "TABLE");
    private static final Set<String> CASE_WORDS = Set.of("WHEN", "THEN", "ELSE", "END");
    private static final Set<String> CLAUSES = Set.of("SELECT", "FROM", "WHERE", "GROUP", "ORDER", "HAVING", "JOIN",
            "ON", "SET", "VALUES", "LIMIT", "BY", "USING", "QUALIFY", "WINDOW");

    private final Catalog catalog;

    SqlCompleter(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param before the statement up to the word being completed
     * @param statement the whole statement the cursor is in (it may name its tables after the cursor)
     * @param word the word being completed
     */
    List<Candidate> complete(String before, String statement, String word) {
        List<SqlLexer.Token> tokens = SqlLexer.tokens(before);
        if (!tokens.isEmpty() && insideLiteral(tokens.get(tokens.size() - 1), before)) {
            return List.of();
        }
        List<String> significant = new ArrayList<>();
        for (SqlLexer.Token t : tokens) {
            if (t.kind() != SqlLexer.Kind.SPACE && t.kind() != SqlLexer.Kind.COMMENT) {
                significant.add(t.text(before).toUpperCase(Locale.ROOT));
            }
        }
        boolean upper = !word.isEmpty() && word.equals(word.toUpperCase(Locale.ROOT)) && !word.equals(word.toLowerCase(Locale.ROOT));
        Map<String, Candidate> out = new LinkedHashMap<>();
        int dot = word.lastIndexOf('.');
        if (dot > 0) {
            String qualifier = word.substring(0, dot);
            Catalog.Table t = tableRefs(statement).get(qualifier.toLowerCase(Locale.ROOT));
            if (t == null) {
                t = catalog.table(qualifier).orElse(null);
            }
            if (t != null) {
                for (Catalog.Column c : t.columns()) {
                    add(out, qualifier + "." + style(c.name(), upper), c.type() + " column of " + t.name(), 0);
                }
            }
            return List.copyOf(out.values());
        }
        if (significant.isEmpty()) {
            SqlWords.STARTERS.forEach(k -> add(out, style(k, upper), "statement", 0));
            SqlWords.KEYWORDS.forEach(k -> add(out, style(k, upper), "keyword", 2));
        } else if (tableContext(significant)) {
            for (Catalog.Table t : catalog.tables()) {
                add(out, style(t.name(), upper), t.view() ? "view" : "table", 0);
            }
            SqlWords.KEYWORDS.forEach(k -> add(out, style(k, upper), "keyword", 3));
        } else {
            Map<String, Catalog.Table> refs = tableRefs(statement);
            for (Catalog.Table t : refs.values().stream().distinct().toList()) {
                for (Catalog.Column c : t.columns()) {
                    add(out, style(c.name(), upper), c.type() + " column of " + t.name(), 0);
                }
            }
            boolean inCase = significant.stream().filter("CASE"::equals).count() > significant.stream().filter("END"::equals).count();
            if (inCase) {
                CASE_WORDS.forEach(k -> add(out, style(k, upper), "keyword", 0));
            }
            catalog.functions().forEach(f -> add(out, style(f, upper), "function", 1));
            SqlWords.FUNCTIONS.forEach(f -> add(out, style(f, upper), "function", 1));
            SqlWords.KEYWORDS.forEach(k -> add(out, style(k, upper), "keyword", CASE_WORDS.contains(k) ? 2 : 1));
            for (Catalog.Table t : catalog.tables()) {
                add(out, style(t.name(), upper), t.view() ? "view" : "table", 2);
                if (refs.isEmpty()) {
                    for (Catalog.Column c : t.columns()) {
                        add(out, style(c.name(), upper), "column", 3);
                    }
                }
            }
        }
        return List.copyOf(out.values());
    }

    private static boolean insideLiteral(SqlLexer.Token last, String before) {
        return switch (last.kind()) {
            case STRING, QUOTED -> !last.closed();
            case COMMENT -> !last.closed() || last.text(before).startsWith("--");
            default -> false;
        };
    }

    /** After FROM, JOIN, INTO, UPDATE or TABLE, or after a comma in a FROM list. */
    private static boolean tableContext(List<String> significant) {
        String last = significant.get(significant.size() - 1);
        if (TABLE_BEFORE.contains(last)) {
            return true;
        }
        if (!last.equals(",")) {
            return false;
        }
        for (int i = significant.size() - 2; i >= 0; i--) {
            if (CLAUSES.contains(significant.get(i))) {
                return significant.get(i).equals("FROM");
            }
        }
        return false;
    }

    /** The tables a statement names after FROM and JOIN, by alias and by name (lower case). */
    Map<String, Catalog.Table> tableRefs(String statement) {
        List<String> words = new ArrayList<>();
        for (SqlLexer.Token t : SqlLexer.tokens(statement)) {
            if (t.kind() == SqlLexer.Kind.WORD || t.kind() == SqlLexer.Kind.QUOTED || t.kind() == SqlLexer.Kind.OTHER
                    || t.kind() == SqlLexer.Kind.SEMICOLON) {
                words.add(t.text(statement));
            }
        }
        Map<String, Catalog.Table> refs = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i).toUpperCase(Locale.ROOT);
            if (!w.equals("FROM") && !w.equals("JOIN")) {
                continue;
            }
            int j = i + 1;
            while (j < words.size()) {
                var table = catalog.table(words.get(j));
                if (table.isEmpty()) {
                    break;
                }
                refs.put(table.get().name().toLowerCase(Locale.ROOT), table.get());
                j++;
                if (j < words.size() && words.get(j).equalsIgnoreCase("AS")) {
                    j++;
                }
                if (j < words.size() && isAlias(words.get(j))) {
                    refs.put(words.get(j).toLowerCase(Locale.ROOT), table.get());
                    j++;
                }
                if (j < words.size() && words.get(j).equals(",") && w.equals("FROM")) {
                    j++;
                } else {
                    break;
                }
            }
        }
        return refs;
    }

    private static boolean isAlias(String word) {
        return !word.isEmpty() && Character.isLetter(word.charAt(0)) && !SqlWords.isKeyword(word);
    }

    private static String style(String name, boolean upper) {
        if (name.startsWith("\"")) {
            return name;
        }
        return upper ? name.toUpperCase(Locale.ROOT) : name.toLowerCase(Locale.ROOT);
    }

    /** Keeps the first (best) candidate for a value; sorts by group, then length, so the closest fit comes first. */
    private static void add(Map<String, Candidate> out, String value, String description, int group) {
        out.putIfAbsent(value.toLowerCase(Locale.ROOT), Candidates.of(value, description, group));
    }
}
