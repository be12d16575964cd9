package io.syswire.shell;

import io.syswire.cli.ExportCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = ".export", description = {"Writes a run's traces, transitions or raw events to a new file.",
        "The options of syswire export; an existing file is never overwritten."})
final class DotExport implements Callable<Integer> {
    @Mixin
    HelpFlag help;

    @Parameters(index = "0", paramLabel = "FILE", description = "the file to write; an existing one is never overwritten")
    String file;

    @Mixin
    ExportCommand.Options export;

    private final ShellContext context;

    DotExport(ShellContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Path path = Words.path(file);
        long n = export.export(context.store(), path);
        context.console().note("wrote " + n + " " + export.what().name().toLowerCase(Locale.ROOT)
                + (export.what() == io.syswire.ops.Exporter.What.RAW ? " events" : "") + " to " + path);
        return 0;
    }
}
