package io.syswire.store;

import io.syswire.BadInputException;
import org.h2.engine.SysProperties;
import org.h2.store.fs.FilePath;

import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JVM-wide settings the embedded engine needs, made in one visible place (a file-system
 * scheme and H2's class policy are JVM-wide by H2's design). {@link CaseFile} calls
 * {@link #prepare()} before any case is opened; calling it again is harmless.
 *
 * <p>H2 may load only the classes syswire's own migrations bind (its aliases and evidence
 * trigger) and a serializer that refuses Java objects, and the JVM runs without the modules
 * through which H2 compiles source code or evaluates scripts: the second wall behind the
 * schema check of every file ({@link CaseFile}), should anything ever slip past it.
 */
public final class CaseEngine {
    // Strong references: java.util.logging forgets the level of a logger nobody holds.
    private static final Logger QUIET_FLYWAY = Logger.getLogger("org.flywaydb");
    private static final Logger QUIET_JOOQ = Logger.getLogger("org.jooq");

    private CaseEngine() {
    }

    /**
     * Sets H2's class policy (before H2 first reads its system properties), registers the
     * case file scheme and keeps libraries off stdout.
     *
     * @throws IllegalStateException if H2 was started before with another class policy
     */
    public static void prepare() {
        for (String m : new String[] {"java.compiler", "jdk.compiler", "java.scripting"}) {
            if (ModuleLayer.boot().findModule(m).isPresent()) {
                // H2 compiles Java source and evaluates scripts it finds in a file through these.
                throw new BadInputException("this Java can compile and run source code (module " + m + " is loaded),"
                        + " which a case file could hand it: start syswire with its launcher (./syswire), which runs"
                        + " it on runtime/target/jre");
            }
        }
        String allowed = String.join(",", new TreeSet<>(SchemaAllowlist.bundled().boundClasses()));
        System.setProperty("h2.allowedClasses", allowed);
        System.setProperty("h2.javaObjectSerializer", NoJavaObjects.class.getName());
        // H2 reads these once, when its SysProperties class initialises: check they took.
        if (!allowed.equals(SysProperties.ALLOWED_CLASSES)
                || !NoJavaObjects.class.getName().equals(SysProperties.JAVA_OBJECT_SERIALIZER)) {
            throw new IllegalStateException("H2 was started before syswire set its class policy (allowed classes: "
                    + SysProperties.ALLOWED_CLASSES + ")");
        }
        FilePath.register(new CaseFilePath());
        // A forensic tool's stdout carries results only: no banners, no tips, no library logs.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        QUIET_FLYWAY.setLevel(Level.OFF);
        QUIET_JOOQ.setLevel(Level.OFF);
    }
}
