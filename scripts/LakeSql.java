import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * scripts/lake-sql: SQL over a syswire Parquet lake with DuckDB (its JDBC driver, from Maven).
 * Each lake table is a view: FROM traces, FROM raw_events... (with host and run_id from the
 * partition directories). Prints an aligned table.
 */
public class LakeSql {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: scripts/lake-sql LAKE_DIR 'SQL'");
            System.exit(2);
        }
        String lake = args[0].replace("'", "''");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (String t : List.of("runs", "raw_events", "traces", "trace_events", "transitions", "processes", "images")) {
                if (new java.io.File(args[0], t).isDirectory()) {
                    s.execute("CREATE VIEW " + t + " AS SELECT * FROM read_parquet('" + lake + "/" + t
                            + "/*/*/*.parquet', hive_partitioning = true)");
                }
            }
            try (ResultSet rs = s.executeQuery(args[1])) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                List<String[]> rows = new ArrayList<>();
                String[] head = new String[n];
                for (int i = 0; i < n; i++) {
                    head[i] = md.getColumnLabel(i + 1);
                }
                rows.add(head);
                while (rs.next()) {
                    String[] r = new String[n];
                    for (int i = 0; i < n; i++) {
                        Object v = rs.getObject(i + 1);
                        r[i] = v == null ? "NULL" : v.toString();
                    }
                    rows.add(r);
                }
                int[] w = new int[n];
                for (String[] r : rows) {
                    for (int i = 0; i < n; i++) {
                        w[i] = Math.max(w[i], r[i].length());
                    }
                }
                for (int k = 0; k < rows.size(); k++) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < n; i++) {
                        b.append(i == 0 ? "" : " | ").append(String.format("%-" + w[i] + "s", rows.get(k)[i]));
                    }
                    System.out.println(b.toString().stripTrailing());
                    if (k == 0) {
                        StringBuilder line = new StringBuilder();
                        for (int i = 0; i < n; i++) {
                            line.append(i == 0 ? "" : "-+-").append("-".repeat(w[i]));
                        }
                        System.out.println(line);
                    }
                }
                System.out.println("(" + (rows.size() - 1) + " rows)");
            }
        }
    }
}
