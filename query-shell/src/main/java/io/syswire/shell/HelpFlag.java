package io.syswire.shell;

import picocli.CommandLine.Option;

/** {@code -h/--help} on every dot-command (picocli's usage). */
final class HelpFlag {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;
}
