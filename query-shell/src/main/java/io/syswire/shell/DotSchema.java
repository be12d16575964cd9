package io.syswire.shell;

import io.syswire.BadInputException;
import io.syswire.kernel.NearestName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = ".schema", description = "Shows the columns of a table or view (of all, without one).")
final class DotSchema implements Callable<Integer> {
    @Mixin
    HelpFlag help;

    @Parameters(arity = "0..1", paramLabel = "TABLE", description = "a table or view (default: all)")
    String table;

    private final ShellContext context;

    DotSchema(ShellContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (table == null) {
            context.printer().query("SELECT LOWER(c.table_name) AS name,"
                    + " LISTAGG(LOWER(c.column_name) || ' ' || LOWER(c.data_type), ', ') WITHIN GROUP (ORDER BY c.ordinal_position) AS columns"
                    + " FROM information_schema.columns c WHERE c.table_schema = 'PUBLIC' AND c.table_name <> 'flyway_schema_history'"
                    + " GROUP BY c.table_name ORDER BY name");
            return 0;
        }
        String name = table.startsWith("\"") ? table.replace("\"", "") : table.toUpperCase(Locale.ROOT);
        if (!exists(name)) {
            throw new BadInputException("no table or view '" + table + "'" + NearestName.hint(table, names()) + ": .tables lists them");
        }
        context.printer().query("SELECT LOWER(column_name) AS column_name, LOWER(data_type) AS type,"
                + " CASE is_nullable WHEN 'YES' THEN 'null' ELSE 'not null' END AS nulls"
                + " FROM information_schema.columns WHERE table_schema = 'PUBLIC' AND table_name = ? ORDER BY ordinal_position", name);
        return 0;
    }

    private boolean exists(String name) throws Exception {
        try (PreparedStatement ps = context.store().connection().prepareStatement(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = 'PUBLIC' AND table_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private List<String> names() throws Exception {
        List<String> out = new ArrayList<>();
        try (var s = context.store().connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT LOWER(table_name) FROM information_schema.tables WHERE table_schema = 'PUBLIC'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
