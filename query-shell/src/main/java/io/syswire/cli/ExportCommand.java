package io.syswire.cli;

import io.syswire.BadInputException;
import io.syswire.kernel.SyscallTable;
import io.syswire.lake.LakeTable;
import io.syswire.ops.Exporter;
import io.syswire.ops.LakeExporter;
import io.syswire.store.CaseStore;
import io.syswire.store.RunInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Write a run's traces, transitions or raw events (JSON, JSON Lines, CSV), or the case as a Parquet lake.",
        description = {"Writes a run's traces, transitions or raw events as JSON, JSON Lines or CSV.",
                "Raw events as JSON Lines are a raw log file that import reads back.",
                "--format parquet -o DIR writes every table (or --what TABLE) of every run (or --run N) into the",
                "lake DIR as DIR/TABLE/host=H/run_id=N/part-*.parquet (a long run's raw events in several parts, written in",
                "parallel, in seq order); other hosts' and runs' partitions are",
                "left alone, and a run already in the lake is refused unless --replace (which replaces only its partitions)."})
public final class ExportCommand implements Callable<Integer> {
    @Mixin
    CaseOptions caseFile;

    @Mixin
    Options export;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of standard output (refuses to overwrite); with --format parquet, the lake directory")
    Path output;

    @Option(names = "--replace", description = "--format parquet: replace the partitions of runs already in the lake (only those)")
    boolean replace;

    @Spec
    CommandSpec spec;

    /** What to export and how: the shell's {@code .export} takes the same options. */
    public static final class Options {
        @Option(names = "--run", paramLabel = "N", description = "the run to export (default: the newest)")
        Integer run;

        @Option(names = "--what", paramLabel = "WHAT", description = "traces, transitions or raw (default: traces); with --format parquet one table: runs, raw_events, traces, trace_events, transitions, processes or images (default: all)")
        String what;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "jsonl", description = "json, jsonl, csv or parquet (default: ${DEFAULT-VALUE})")
        String format;

        @Option(names = "--pid", paramLabel = "PID", split = ",",
                description = "only what concerns these processes (repeat, or join with ,); raw events keep ticks and losses")
        List<Integer> pids;

        private Set<Integer> pids() {
            return pids == null ? Set.of() : Set.copyOf(pids);
        }

        public Exporter.What what() {
            return Exporter.what(what == null ? "traces" : what);
        }

        boolean parquet() {
            return Exporter.format(format) == Exporter.Format.PARQUET;
        }

        /** The tables a lake export writes. */
        List<LakeTable> tables() {
            if (what == null) {
                return List.of(LakeTable.values());
            }
            LakeTable t = LakeTable.byName(what);
            if (t == null) {
                throw new BadInputException("--what with --format parquet must be runs, raw_events, traces, trace_events, "
                        + "transitions, processes or images, not '" + what + "'");
            }
            return List.of(t);
        }

        /** Fails on a bad --what or --format before anything is opened. */
        public void check() {
            if (parquet()) {
                tables();
                if (pids != null) {
                    throw new BadInputException("--pid does not go with --format parquet (a lake holds whole runs)");
                }
            } else {
                what();
            }
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
        if (export.parquet()) {
            return lake();
        }
        if (replace) {
            throw new BadInputException("--replace goes with --format parquet");
        }
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

    private int lake() throws IOException {
        if (output == null) {
            throw new BadInputException("--format parquet needs -o DIR, the lake directory");
        }
        try (CaseStore store = caseFile.openReadOnly()) {
            List<RunInfo> runs = export.run != null ? List.of(store.resolveRun(export.run)) : store.runs();
            if (runs.isEmpty()) {
                throw new BadInputException(caseFile.caseFile() + " has no runs yet");
            }
            long t0 = System.nanoTime();
            LakeExporter.Result r = LakeExporter.export(store, runs, export.tables(), output, replace, SyscallTable.x86_64());
            double secs = (System.nanoTime() - t0) / 1e9;
            PrintWriter out = spec.commandLine().getOut();
            for (var p : r.rows().entrySet()) {
                List<String> files = r.files().get(p.getKey());
                out.println((r.replaced().contains(p.getKey()) ? "replaced " : "wrote ") + output.resolve(p.getKey().toString())
                        + "/" + (files.size() == 1 ? files.get(0) : files.get(0) + " … " + files.get(files.size() - 1))
                        + ": " + p.getValue() + " rows" + (files.size() == 1 ? "" : " in " + files.size() + " parts"));
            }
            out.printf(java.util.Locale.ROOT, "%d partitions, %d rows, %d run(s) into %s in %.2f s%n", r.rows().size(), r.total(),
                    runs.size(), output, secs);
            out.flush();
        }
        return 0;
    }
}
