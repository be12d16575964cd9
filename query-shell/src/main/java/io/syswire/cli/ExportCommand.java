package io.syswire.cli;

import io.syswire.BadInputException;
import io.syswire.kernel.SyscallTable;
import io.syswire.ops.Exporter;
import io.syswire.store.CaseStore;
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
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Writes a run's traces, transitions or raw events as JSON, JSON Lines or CSV.",
                "Raw events as JSON Lines are a raw log file that import reads back."})
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    CaseOptions caseFile;

    @Option(names = "--run", paramLabel = "N", description = "the run to export (default: the newest)")
    Integer run;

    @Option(names = "--what", paramLabel = "WHAT", defaultValue = "traces", description = "traces, transitions or raw (default: ${DEFAULT-VALUE})")
    String what;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl", description = "json, jsonl or csv (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of standard output (refuses to overwrite)")
    Path output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Exporter.What w = Exporter.what(what);
        Exporter.Format f = Exporter.format(format);
        try (CaseStore store = caseFile.open(CaseStore.Access.READ_ONLY)) {
            var r = store.resolveRun(run);
            if (output == null) {
                Writer out = spec.commandLine().getOut();
                Exporter.export(store, r, w, f, out, SyscallTable.x86_64());
                out.flush();
            } else {
                if (Files.exists(output)) {
                    throw new BadInputException(output + " already exists");
                }
                try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW)) {
                    Exporter.export(store, r, w, f, out, SyscallTable.x86_64());
                }
            }
        }
        return 0;
    }
}
