package io.syswire.hostile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A class a hostile file names in its type registry: H2 loads such a class and calls its
 * constructor when it reads the registry, so its static initialiser runs. It leaves a marker.
 */
public final class Gadget {
    /** Where the gadget leaves its mark: java.io.tmpdir, named by the test that plants it. */
    public static Path marker() {
        return Path.of(System.getProperty("java.io.tmpdir"), "syswire-gadget-ran");
    }

    static {
        try {
            Files.writeString(marker(), "a class named by a case file was loaded");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public static final Gadget INSTANCE = new Gadget();
}
