package io.syswire.hostile;

import io.syswire.store.CaseFilePath;
import org.h2.store.fs.FilePath;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Plain H2, as any tool other than syswire would open a case: no schema check, no class
 * policy, the JDK's compiler in reach. Run in a child JVM, it crafts hostile cases, and shows
 * that each one's payload really runs when a case is opened this way.
 *
 * <p>Arguments: the case file, then SQL statements to run in order (a failing one is reported
 * on stderr and the rest still run).
 */
public final class PlainH2 {
    private PlainH2() {
    }

    public static void main(String[] args) throws SQLException {
        FilePath.register(new CaseFilePath());
        try (Connection c = DriverManager.getConnection("jdbc:h2:syswire:" + args[0] + ";IFEXISTS=TRUE", "", "");
             Statement s = c.createStatement()) {
            for (int i = 1; i < args.length; i++) {
                try {
                    if (s.execute(args[i])) {
                        try (ResultSet rs = s.getResultSet()) {
                            while (rs.next()) {
                                rs.getObject(1);
                            }
                        }
                    }
                } catch (SQLException e) {
                    System.err.println("plain H2: " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
    }
}
