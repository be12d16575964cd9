package io.syswire.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The schema objects a syswire case may hold, for every schema version this syswire can open
 * or upgrade: exactly what its own migrations create. Generated at build time by
 * {@link AllowlistGenerator}, which runs each migration prefix into a throwaway H2 file and
 * reads back what H2 stored, so the list is never typed by hand and cannot drift from the
 * migrations. It also names the classes those objects bind (aliases, triggers): the only
 * classes H2 may ever load.
 */
public final class SchemaAllowlist {
    static final String RESOURCE = "case-schemas.txt";

    private final Map<String, Set<SchemaObject>> versions;
    private final Set<String> boundClasses;

    SchemaAllowlist(Map<String, Set<SchemaObject>> versions, Set<String> boundClasses) {
        this.versions = versions;
        this.boundClasses = boundClasses;
    }

    private static final class Bundled {
        static final SchemaAllowlist INSTANCE = load();
    }

    /** The allowlist built into this syswire. */
    public static SchemaAllowlist bundled() {
        return Bundled.INSTANCE;
    }

    /** Schema versions, oldest first. */
    public List<String> versions() {
        return List.copyOf(versions.keySet());
    }

    public String latest() {
        List<String> v = versions();
        return v.get(v.size() - 1);
    }

    public boolean knows(String version) {
        return versions.containsKey(version);
    }

    public Set<String> boundClasses() {
        return boundClasses;
    }

    public Set<SchemaObject> objects(String version) {
        Set<SchemaObject> s = versions.get(version);
        if (s == null) {
            throw new IllegalArgumentException("no schema version " + version);
        }
        return s;
    }

    /**
     * What is wrong with a file's objects for the given version, as the rest of a sentence
     * ({@code carries an object syswire never creates: alias EVIL}), or null when they are exactly
     * the version's objects.
     */
    public String mismatch(String version, Collection<SchemaObject> actual) {
        Set<SchemaObject> expected = objects(version);
        Set<SchemaObject> seen = new LinkedHashSet<>();
        String redefined = null;
        for (SchemaObject o : actual) {
            SchemaObject n = o.normalised();
            if (expected.contains(n)) {
                seen.add(n);
            } else if (expected.stream().anyMatch(e -> e.kind() == n.kind() && e.name().equals(n.name()))) {
                if (redefined == null) {
                    redefined = "carries " + Printable.quote(n.describe()) + " defined otherwise than syswire defines it";
                }
            } else {
                // an object of its own is the clearest sign of what a file is up to: named first
                return "carries an object syswire never creates: " + Printable.quote(n.describe());
            }
        }
        if (redefined != null) {
            return redefined;
        }
        for (SchemaObject e : expected) {
            if (!seen.contains(e)) {
                return "lacks " + e.describe() + ", which syswire creates: its schema was altered";
            }
        }
        return null;
    }

    private static SchemaAllowlist load() {
        try (InputStream in = SchemaAllowlist.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("syswire was built without its case schema allowlist (" + RESOURCE + ")");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SchemaAllowlist parse(BufferedReader r) throws IOException {
        Map<String, Set<SchemaObject>> versions = new LinkedHashMap<>();
        Set<String> classes = new LinkedHashSet<>();
        Set<SchemaObject> current = null;
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 3);
            switch (f[0]) {
                case "bound" -> classes.add(f[1]);
                case "version" -> {
                    current = new LinkedHashSet<>();
                    versions.put(f[1], current);
                }
                case "object" -> current.add(new SchemaObject(SchemaObject.Kind.valueOf(f[1]), unescape(f[2])));
                default -> throw new IllegalStateException("bad allowlist line: " + line);
            }
        }
        Map<String, Set<SchemaObject>> frozen = new LinkedHashMap<>();
        versions.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        return new SchemaAllowlist(frozen, Set.copyOf(classes));
    }

    /** The allowlist as its resource file writes it. */
    static String format(TreeMap<List<Integer>, List<SchemaObject>> byVersion, Set<String> classes,
                         java.util.function.Function<List<Integer>, String> label) {
        StringBuilder b = new StringBuilder("# generated at build time from the Flyway migrations; never edit by hand\n");
        for (String c : classes) {
            b.append("bound\t").append(c).append('\n');
        }
        byVersion.forEach((v, objects) -> {
            b.append("version\t").append(label.apply(v)).append('\n');
            List<String> lines = new ArrayList<>();
            for (SchemaObject o : objects) {
                lines.add("object\t" + o.kind().name() + "\t" + escape(o.sql()));
            }
            lines.stream().sorted().forEach(l -> b.append(l).append('\n'));
        });
        return b.toString();
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
