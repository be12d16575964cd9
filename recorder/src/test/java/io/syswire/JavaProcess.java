package io.syswire;

import java.util.List;
import java.util.stream.Collectors;

/** The command that starts syswire's CLI in a child JVM the way its launcher does (no compiler modules). */
public final class JavaProcess {
    private JavaProcess() {
    }

    /** {@code java --limit-modules <this JVM's modules> -cp <this JVM's class path> io.syswire.cli.Main}. */
    public static List<String> cli() {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(java, "--limit-modules", modules(), "-cp", cp, "io.syswire.cli.Main");
    }

    /** The modules this JVM runs with, for a child's --limit-modules. */
    public static String modules() {
        return ModuleLayer.boot().modules().stream().map(Module::getName).sorted().collect(Collectors.joining(","));
    }
}
