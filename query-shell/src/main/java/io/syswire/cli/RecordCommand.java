package io.syswire.cli;

import io.syswire.BadInputException;
import io.syswire.config.Config;
import io.syswire.config.Durations;
import io.syswire.kernel.SyscallSet;
import io.syswire.kernel.SyscallTable;
import io.syswire.live.LiveEnvironment;
import io.syswire.live.LiveOptions;
import io.syswire.ops.CaseTarget;
import io.syswire.ops.LiveRecording;
import io.syswire.ops.StopOn;
import io.syswire.ops.RunOutcome;
import io.syswire.store.CaseFile;
import io.syswire.store.HostName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "record", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Record live: eBPF capture into a case database.",
        description = {"Records live: loads syswire's eBPF program, runs every process through the state machine,",
                "and stores traces, transitions and the raw syscall log in a case database.",
                "Needs root, or CAP_BPF, CAP_PERFMON and CAP_DAC_READ_SEARCH (CAP_SYS_PTRACE for every exe; README: Least privilege),",
                "and a kernel with BTF. Ctrl-C, SIGTERM or --duration stop it cleanly."})
public final class RecordCommand implements Callable<Integer> {
    // A String, not a Path: Path drops a trailing /, and "case.db/" must not open case.db.
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "CASE", description = "the case database to write")
    String out;

    @Option(names = "--append", description = "add a run to an existing case instead of refusing to touch it")
    boolean append;

    @Option(names = "--duration", paramLabel = "DURATION", description = "stop after this long (30s, 5m, ...)")
    String duration;

    @Option(names = "--capture", paramLabel = "SET", description = "syscalls to capture: all, or +-separated names added to tripwires and context")
    String capture;

    @Option(names = "--ungated", description = "forward every captured syscall of every process, not only after an elevated tripwire")
    boolean ungated;

    @Option(names = "--budget", paramLabel = "EVENTS", description = "after an elevated tripwire, how many of the process's captured syscalls reach the recorder (default: max(1000, 100 x maxtrace))")
    Integer budget;

    @Option(names = "--budget-time", paramLabel = "DURATION", description = "... and for how long (default: max(60s, 2 x (maxage + evictrate)))")
    String budgetTime;

    @Option(names = "--ring-size", paramLabel = "MiB", defaultValue = "64", description = "kernel ring buffer size in MiB, a power of two (default: ${DEFAULT-VALUE})")
    int ringMiB;

    @Option(names = "--json", description = "print each trace as a JSON line on stdout as it closes")
    boolean json;

    @Option(names = "--host", paramLabel = "NAME", description = "the host name the run records (default: this machine's hostname)")
    String host;

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SyscallTable table = SyscallTable.x86_64();
        Config c = config.settings().resolve(table);
        LiveOptions options = options(c, table);
        String hostName = host != null ? HostName.check(host) : LiveEnvironment.hostname();
        // Options and an existing case are checked before anything is loaded into the kernel.
        CaseTarget target = CaseTarget.of(CaseFile.at(out), append);
        PrintWriter err = spec.commandLine().getErr();
        StatusLine status = new StatusLine(err, Terminals.stderrIsTerminal());
        PrintWriter stdout = spec.commandLine().getOut();
        try (LiveRecording recording = LiveRecording.start(target, options,
                describe(options, table) + " on " + LiveEnvironment.host(), hostName, table,
                json ? status.linesAbove(stdout) : null, LiveEnvironment.local(), StopOn.SIGNALS)) {
            recording.degraded().forEach(d -> err.println("syswire: note: " + d));
            err.println("syswire: recording into " + target.file() + " (run " + recording.runId() + "): " + describe(options, table)
                    + (options.duration() != null ? "; for " + duration : "") + "; Ctrl-C stops");
            err.flush();
            RunOutcome outcome = recording.run(status::update);
            status.clear();
            String summary = outcome.describe() + kernel(outcome);
            (json ? err : stdout).println(summary);
            (json ? err : stdout).println(outcome.digestLine());
        }
        return 0;
    }

    private LiveOptions options(Config c, SyscallTable table) {
        SyscallSet set = c.watched();
        if (capture != null) {
            set = capture.equalsIgnoreCase("all") ? set.union(SyscallSet.all(table).withTracepoints(table))
                    : set.union(SyscallSet.parse(capture, table));
        }
        Duration d = duration == null ? null : Durations.parse("--duration", duration);
        if (d != null && d.isZero()) {
            throw new BadInputException("--duration must be greater than 0");
        }
        if (ringMiB < 1 || Integer.bitCount(ringMiB) != 1 || ringMiB > 1024) {
            throw new BadInputException("--ring-size must be a power of two from 1 to 1024 (MiB), not " + ringMiB);
        }
        if (budget != null && budget < 1) {
            throw new BadInputException("--budget must be at least 1");
        }
        return new LiveOptions(c, set, ungated, budget != null ? budget : LiveOptions.defaultBudgetEvents(c),
                budgetTime != null ? Durations.parse("--budget-time", budgetTime) : LiveOptions.defaultBudgetTime(c),
                ringMiB << 20, d);
    }

    private static String describe(LiveOptions o, SyscallTable table) {
        String set = o.capture().size() > 12 ? o.capture().size() + " syscalls" : o.capture().format(table);
        return "capture " + set + (o.ungated() ? " (ungated)" : " (gated: " + o.budgetEvents() + " events / "
                + Durations.format(o.budgetTime()) + "s after an elevated tripwire)");
    }

    private static String kernel(RunOutcome o) {
        var k = o.summary().kernel();
        if (k == null) {
            return "";
        }
        return String.format(Locale.ROOT, "; kernel: %,d captured syscalls seen, %,d records forwarded, %,d dropped",
                k.seen(), k.forwarded(), k.dropped());
    }
}
