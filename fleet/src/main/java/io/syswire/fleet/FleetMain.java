package io.syswire.fleet;

import io.syswire.BadInputException;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code syswire fleet}: the Spark side of syswire (./syswire fleet ..., or spark-submit with
 * this module's job jar). Bad input is one line and exit 2, as everywhere in syswire.
 */
@Command(name = "fleet", mixinStandardHelpOptions = true, subcommands = FleetMain.Replay.class,
        header = "Many hosts' lakes on Apache Spark.")
public final class FleetMain implements Runnable {
    static final int EXIT_BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: replay");
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            header = "Replay every host and run of a lake with a changed configuration, on Spark.",
            description = {"Reads DIR's raw events grouped by (host, run_id), runs syswire's state",
                    "machine over each group in seq order with that run's configuration plus",
                    "the overrides, and writes traces, trace_events, transitions and a runs",
                    "row per replay (pointing at its parent) to OUT in the same layout",
                    "(TABLE/host=H/run_id=N/part-00000.parquet). Local Spark unless --master;",
                    "on a cluster, DIR and OUT must be paths every executor can reach."})
    static final class Replay implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "the lake (syswire export CASE --format parquet -o DIR)")
        Path lake;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "OUT", description = "the lake to write the replays into")
        Path out;

        @Option(names = "--master", paramLabel = "URL", description = "Spark master: spark://HOST:PORT, local[N] (default: local[*])")
        String master;

        @Mixin
        ConfigFlags config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var overrides = config.settings();
            PrintWriter stdout = spec.commandLine().getOut();
            // a session that was there before (a test's, a notebook's) is left running
            boolean ours = SparkSession.getDefaultSession().isEmpty();
            SparkSession spark = FleetReplay.session(master);
            try {
                FleetReplay.Result r = FleetReplay.run(spark, lake, overrides, out);
                for (ReplayOutcome o : r.replays()) {
                    stdout.printf(Locale.ROOT, "host %s run %d -> run %d (replay): %d events, %d traces, %d transitions, %d lost%n",
                            o.host(), o.parentRunId(), o.runId(), o.rawEvents(), o.traces(), o.transitions(), o.lostEvents());
                }
                for (String s : r.skipped()) {
                    stdout.println("skipped: " + s);
                }
                double secs = r.elapsedNanos() / 1e9;
                stdout.printf(Locale.ROOT, "%d replays, %d events in %.1f s on %s into %s%n", r.replays().size(), r.events(), secs,
                        spark.sparkContext().master(), out);
                stdout.flush();
            } finally {
                if (ours) {
                    spark.stop();
                }
            }
            return 0;
        }
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new FleetMain());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println(ex.getCommandLine().getCommandName() + ": " + ex.getMessage() + " (see "
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            Throwable t = ex;
            for (Throwable x = ex; x != null; x = x.getCause()) {
                if (x instanceof BadInputException) {
                    t = x; // also when a task threw it and Spark wrapped it
                    break;
                }
            }
            while (t instanceof java.io.UncheckedIOException && t.getCause() != null) {
                t = t.getCause();
            }
            if (t instanceof BadInputException || t instanceof java.io.IOException) {
                err.println("syswire: " + t.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (t.getClass().getName().equals("org.apache.spark.sql.AnalysisException")) {
                err.println("syswire: " + t.getMessage().lines().findFirst().orElse(""));
                return EXIT_BAD_INPUT;
            }
            String unreadable = unreadableFile(t);
            if (unreadable != null) {
                err.println("syswire: the lake holds a file that cannot be read as syswire wrote it: " + unreadable);
                return EXIT_BAD_INPUT;
            }
            err.println("syswire: internal error: " + t);
            if ("1".equals(System.getenv("SYSWIRE_DEBUG"))) {
                t.printStackTrace(err);
            }
            return 1;
        });
        return cl.execute(args);
    }

    /**
     * A task that failed on a lake file (not Parquet, cut short, columns of other types) fails the
     * job with Spark's exception around the reader's: that is bad input, said in one line.
     */
    static String unreadableFile(Throwable t) {
        boolean spark = false;
        Throwable root = t;
        for (Throwable x = t; x != null; x = x.getCause()) {
            spark |= x.getClass().getName().startsWith("org.apache.spark.");
            root = x;
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (!spark || !m.contains(".parquet")) {
            return null;
        }
        String line = m.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    public static void main(String[] args) {
        int status = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(status);
    }
}
