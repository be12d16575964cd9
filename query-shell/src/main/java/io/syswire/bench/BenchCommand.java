package io.syswire.bench;

import io.syswire.cli.VersionProvider;
import picocli.CommandLine.Command;

/** Benchmarks that print figures (measured in one run, so that ratios compare like with like). */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Benchmarks that print figures.",
        description = "Benchmarks: figures to read, not pass/fail tests.",
        subcommands = {OfflineBench.class, LiveBench.class, SqlBench.class, SoakBench.class})
public final class BenchCommand {
}
