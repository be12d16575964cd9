package io.syswire.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Schema versions without starting Flyway (which costs most of a second): the newest
 * migration bundled with this syswire, and the newest one applied to a case. Flyway itself
 * runs only when a case is created or upgraded.
 */
final class CaseSchema {
    private static final String LOCATION = "db/migration";
    private static final Pattern MIGRATION = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");

    private CaseSchema() {
    }

    /** The highest version among the bundled migrations, as dotted numbers. */
    static List<Integer> latestBundled() {
        List<List<Integer>> versions = new ArrayList<>();
        try {
            Enumeration<URL> roots = CaseSchema.class.getClassLoader().getResources(LOCATION);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                for (String name : list(root)) {
                    Matcher m = MIGRATION.matcher(name);
                    if (m.matches()) {
                        versions.add(parse(m.group(1).replace('_', '.')));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("no case schema migrations on the class path");
        }
        return versions.stream().max(CaseSchema::compare).orElseThrow();
    }

    private static List<String> list(URL root) throws IOException {
        List<String> names = new ArrayList<>();
        if (root.getProtocol().equals("jar")) {
            JarURLConnection c = (JarURLConnection) root.openConnection();
            c.setUseCaches(false);
            try (JarFile jar = c.getJarFile()) {
                for (Enumeration<JarEntry> en = jar.entries(); en.hasMoreElements(); ) {
                    String n = en.nextElement().getName();
                    if (n.startsWith(LOCATION + "/")) {
                        names.add(n.substring(LOCATION.length() + 1));
                    }
                }
            }
        } else {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of(root.toURI()))) {
                ds.forEach(p -> names.add(p.getFileName().toString()));
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
        }
        return names;
    }

    /** The newest successfully applied version of a case, or null when it has no schema history. */
    static List<Integer> applied(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL")) {
            List<Integer> best = null;
            while (rs.next()) {
                List<Integer> v = parse(rs.getString(1));
                if (best == null || compare(v, best) > 0) {
                    best = v;
                }
            }
            return best;
        }
    }

    static List<Integer> parse(String v) {
        List<Integer> out = new ArrayList<>();
        for (String p : v.split("\\.")) {
            out.add(Integer.parseInt(p));
        }
        return out;
    }

    static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : 0;
            int y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    static String format(List<Integer> v) {
        return v == null ? "none" : String.join(".", v.stream().map(String::valueOf).toList());
    }

}
