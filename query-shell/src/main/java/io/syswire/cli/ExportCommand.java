package io.syswire.cli;

import io.syswire.BadInputException;
import io.syswire.kernel.SyscallTable;
import io.syswire.ops.Exporter;
import io.syswire.store.CaseStore;
import io.syswire.store.RunInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Write a run's traces, transitions or raw events (JSON, JSON Lines, CSV).",
        description = {"Writes a run's traces, transitions or raw events as JSON, JSON Lines or CSV.",
                "Raw events as JSON Lines are a raw log file that import reads back."})
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    CaseOptions caseFile;

    @Mixin
    Options export;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of standard output (refuses to overwrite)")
    Path output;

    @Spec
    CommandSpec spec;

    /** What to export and how: the shell's {@code .export} takes the same options. */
    public static final class Options {
        @Option(names = "--run", paramLabel = "N", description = "the run to export (default: the newest)")
        Integer run;

        @Option(names = "--what", paramLabel = "WHAT", defaultValue = "traces", description = "traces, transitions or raw (default: ${DEFAULT-VALUE})")
        String what;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl", description = "json, jsonl or csv (default: ${DEFAULT-VALUE})")
        String format;

        @Option(names = "--pid", paramLabel = "PID", split = ",",
                description = "only what concerns these processes (repeat, or join with ,); raw events keep ticks and losses")
        List<Integer> pids;

        private Set<Integer> pids() {
            return pids == null ? Set.of() : Set.copyOf(pids);
        }

        public Exporter.What what() {
            return Exporter.what(what);
        }

        /** Fails on a bad --what or --format before anything is opened. */
        public void check() {
            Exporter.what(what);
            Exporter.format(format);
        }

        /** @return the number of records written */
        public long export(CaseStore store, Writer out) throws IOException {
            check();
            return Exporter.export(store, store.resolveRun(run), what(), Exporter.format(format), out, SyscallTable.x86_64(), pids());
        }

        /** Writes to a new file; an existing one is never overwritten, and a bad run creates none. */
        public long export(CaseStore store, Path file) throws IOException {
            check();
            RunInfo r = store.resolveRun(run);
            if (Files.exists(file)) {
                throw new BadInputException(file + " already exists");
            }
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
                return Exporter.export(store, r, what(), Exporter.format(format), out, SyscallTable.x86_64(), pids());
            }
        }
    }

    @Override
    public Integer call() throws IOException {
        export.check();
        try (CaseStore store = caseFile.openReadOnly()) {
            if (output == null) {
                Writer out = spec.commandLine().getOut();
                export.export(store, out);
                out.flush();
            } else {
                export.export(store, output);
            }
        }
        return 0;
    }
}
