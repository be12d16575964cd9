package io.syswire.cli;

import io.syswire.Version;
import picocli.CommandLine;

/** {@code --version}: syswire's version, and the Java it runs on. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"syswire " + Version.current(), "Java " + System.getProperty("java.version")};
    }
}
