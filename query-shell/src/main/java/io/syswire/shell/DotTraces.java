package io.syswire.shell;

import io.syswire.store.RunInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = ".traces", description = "Lists a run's traces, one line each with its context syscalls.")
final class DotTraces implements Callable<Integer> {
    @Mixin
    HelpFlag help;

    @Parameters(arity = "0..1", paramLabel = "RUN", description = "the run (default: the newest)")
    Integer run;

    private final ShellContext context;

    DotTraces(ShellContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        RunInfo r = context.store().resolveRun(run);
        context.printer().query("SELECT trace_id, pid, process_name, tripwire_syscall AS tripwire, tripwire_ts, context,"
                + " end_reason, complete FROM trace_summary WHERE run_id = ? ORDER BY trace_id", r.runId());
        return 0;
    }
}
