package io.syswire.store;

import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Build step (exec-maven-plugin, process-classes): writes {@link SchemaAllowlist}'s resource.
 * For each migration version V it runs the migrations up to V into a fresh H2 file and
 * records every schema object H2 stored, read back the way an open is checked
 * ({@link MetaReader}). Fails the build if a migration binds a class outside syswire or
 * carries source code for H2 to compile.
 *
 * <p>Arguments: the migrations directory, the resource file to write, a scratch directory.
 */
public final class AllowlistGenerator {
    private static final Pattern FILE = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");
    private static final Pattern BINDS = Pattern.compile("(?:\\bFOR|\\bCALL)\\s+'([^']+)'|\\bENGINE\\s+\"([^\"]+)\"");
    private static final Pattern SOURCE = Pattern.compile("\\b(?:ALIAS|TRIGGER)\\b.*\\bAS\\s+(?:'|\\$\\$)", Pattern.DOTALL);

    private AllowlistGenerator() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        java.util.logging.Logger quiet = java.util.logging.Logger.getLogger("org.flywaydb");
        quiet.setLevel(java.util.logging.Level.OFF); // held in a local: a logger nobody holds forgets its level
        Path migrations = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path scratch = Path.of(args[2]);
        Files.createDirectories(scratch);
        TreeMap<List<Integer>, String> versions = new TreeMap<>(CaseSchema::compare);
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = FILE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    String v = m.group(1).replace('_', '.');
                    versions.put(CaseSchema.parse(v), v);
                }
            }
        }
        if (versions.isEmpty()) {
            throw new IllegalStateException("no migrations in " + migrations);
        }
        TreeMap<List<Integer>, List<SchemaObject>> objects = new TreeMap<>(CaseSchema::compare);
        Set<String> classes = new LinkedHashSet<>();
        classes.add(NoJavaObjects.class.getName());
        for (var e : versions.entrySet()) {
            Path db = scratch.resolve("v" + e.getValue());
            Files.deleteIfExists(Path.of(db + ".mv.db"));
            String url = "jdbc:h2:file:" + db.toAbsolutePath() + ";TRACE_LEVEL_FILE=0";
            Flyway.configure(AllowlistGenerator.class.getClassLoader()).dataSource(url, "", "")
                    .locations("filesystem:" + migrations.toAbsolutePath()).target(e.getValue())
                    .placeholders(Migrations.PLACEHOLDERS)
                    .loggers("org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator").load().migrate();
            try (Connection c = DriverManager.getConnection(url, "", ""); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
            List<SchemaObject> found = new ArrayList<>();
            for (SchemaObject o : MetaReader.read(Path.of(db + ".mv.db")).objects()) {
                found.add(o.normalised());
                if (SOURCE.matcher(o.sql()).find()) {
                    throw new IllegalStateException("a migration gives H2 source code to compile: " + o.sql());
                }
                Matcher b = BINDS.matcher(o.sql());
                while (b.find()) {
                    String target = b.group(1) != null ? b.group(1) : b.group(2);
                    String cls = o.kind() == SchemaObject.Kind.FUNCTION_ALIAS ? target.substring(0, target.lastIndexOf('.')) : target;
                    if (!cls.startsWith("io.syswire.")) {
                        throw new IllegalStateException("a migration binds a class outside syswire: " + o.sql());
                    }
                    classes.add(cls);
                }
            }
            objects.put(e.getKey(), found);
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, SchemaAllowlist.format(objects, classes, versions::get), StandardCharsets.UTF_8);
        quiet.fine("allowlist written"); // keeps the logger reachable to the end
    }
}
