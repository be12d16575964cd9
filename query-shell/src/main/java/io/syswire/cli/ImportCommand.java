package io.syswire.cli;

import io.syswire.BadInputException;
import io.syswire.config.Settings;
import io.syswire.kernel.SyscallTable;
import io.syswire.ops.CaseTarget;
import io.syswire.ops.Importer;
import io.syswire.ops.RunOutcome;
import io.syswire.store.CaseFile;
import io.syswire.store.HostName;
import io.syswire.store.Printable;
import io.syswire.store.SpooledLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Turn a raw log file (JSON Lines) into a run.",
        description = {"A raw log file (JSON Lines) becomes a run in a case database.",
                "With a configuration the state machine runs too (the run gets traces and transitions);",
                "without one only the raw events are stored, for replay. A bad line anywhere writes nothing."})
public final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RAW_LOG", description = "the raw log file; - reads standard input")
    String input;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "CASE", description = "the case database to write")
    String out;

    @Option(names = "--append", description = "add the run to an existing case instead of refusing to touch it")
    boolean append;

    @Option(names = {"-q", "--quiet"}, description = "print only the new run's id")
    boolean quiet;

    @Option(names = "--host", paramLabel = "NAME", description = "the host the raw log was captured on (recorded with the run)")
    String host;

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SyscallTable table = SyscallTable.x86_64();
        Settings settings = config.settings();
        if (host != null) {
            HostName.check(host);
        }
        if (!settings.isEmpty()) {
            settings.resolve(table); // fail on a bad configuration before touching any file
        }
        CaseTarget target = CaseTarget.of(CaseFile.at(out), append); // an unclean case is refused before the log is read
        String name = input.equals("-") ? "stdin" : input;
        // The whole log is read and checked first: a bad line anywhere and the case is never touched.
        try (InputStream in = open(input); SpooledLog log = Importer.check(in, name, table)) {
            Importer.rehearse(log, settings, table);
            RunOutcome outcome = target.write(store -> Importer.run(store, log, name, host, settings, table));
            if (quiet) {
                spec.commandLine().getOut().println(outcome.runId());
            } else {
                spec.commandLine().getOut().println(outcome.describe());
                spec.commandLine().getOut().println(outcome.digestLine());
            }
        }
        return 0;
    }

    /** The raw log's bytes; the reader decodes them as strict UTF-8, line by line. */
    private static InputStream open(String input) throws IOException {
        if (input.equals("-")) {
            return System.in;
        }
        try {
            return new BufferedInputStream(Files.newInputStream(Path.of(input)), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new BadInputException(Printable.quote(input, 4096) + ": no such file");
        }
    }
}
