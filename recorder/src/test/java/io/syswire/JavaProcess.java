package io.syswire;

import java.util.List;

/** Child JVMs for tests: syswire's CLI as its launcher starts it, and the full JDK a hostile-file tool needs. */
public final class JavaProcess {
    private JavaProcess() {
    }

    /** {@code java -cp <this JVM's class path> io.syswire.cli.Main}, on this JVM's runtime (syswire's image). */
    public static List<String> cli() {
        return List.of(java(), "-cp", classPath(), "io.syswire.cli.Main");
    }

    /** The java running this test: syswire's own image. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** A full JDK's java (the one that built syswire), compiler included: what an intruder's tools run on. */
    public static String fullJdk() {
        return System.getProperty("syswire.jdk.java", "java");
    }

    public static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
