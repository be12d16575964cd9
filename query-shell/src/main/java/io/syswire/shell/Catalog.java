package io.syswire.shell;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tables, views, columns and functions of the case, as the completer offers them.
 * Read once: the shell never changes the schema. Names are given as the user would type
 * them: lower case when H2 folds them, quoted otherwise.
 */
record Catalog(List<Table> tables, List<String> functions) {
    record Table(String name, boolean view, String description, List<Column> columns) {
    }

    record Column(String name, String type) {
    }

    static Catalog load(Connection c) throws SQLException {
        Map<String, Table> tables = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name, table_type, remarks FROM information_schema.tables"
                     + " WHERE table_schema = 'PUBLIC' AND table_name <> 'flyway_schema_history' ORDER BY table_name")) {
            while (rs.next()) {
                tables.put(rs.getString(1), new Table(typed(rs.getString(1)), !"BASE TABLE".equals(rs.getString(2)),
                        rs.getString(3), new ArrayList<>()));
            }
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name, column_name, data_type FROM information_schema.columns"
                     + " WHERE table_schema = 'PUBLIC' ORDER BY table_name, ordinal_position")) {
            while (rs.next()) {
                Table t = tables.get(rs.getString(1));
                if (t != null) {
                    t.columns().add(new Column(typed(rs.getString(2)), rs.getString(3).toLowerCase(Locale.ROOT)));
                }
            }
        }
        List<String> functions = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT routine_name FROM information_schema.routines"
                     + " WHERE routine_schema = 'PUBLIC' ORDER BY routine_name")) {
            while (rs.next()) {
                functions.add(typed(rs.getString(1)));
            }
        }
        return new Catalog(List.copyOf(tables.values()), List.copyOf(functions));
    }

    /** How to write an H2 name in a statement: {@code TRACES} -> traces, {@code flyway_history} -> "flyway_history". */
    static String typed(String name) {
        boolean plain = !name.isEmpty() && Character.isLetter(name.charAt(0));
        for (int i = 0; i < name.length() && plain; i++) {
            char ch = name.charAt(i);
            plain = (Character.isUpperCase(ch) || Character.isDigit(ch) || ch == '_') && ch < 128;
        }
        return plain ? name.toLowerCase(Locale.ROOT) : '"' + name.replace("\"", "\"\"") + '"';
    }

    Optional<Table> table(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return tables.stream().filter(t -> t.name().toLowerCase(Locale.ROOT).equals(n)).findFirst();
    }

    List<String> tableNames() {
        return tables.stream().map(Table::name).toList();
    }
}
