package io.syswire.shell;

import io.syswire.store.RunInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

@Command(name = ".transitions", description = "Lists a run's state changes, of every process or of one pid.")
final class DotTransitions implements Callable<Integer> {
    @Mixin
    HelpFlag help;

    @Parameters(arity = "0..1", paramLabel = "PID", description = "only this process (default: all)")
    Integer pid;

    @Option(names = "--run", paramLabel = "N", description = "the run (default: the newest)")
    Integer run;

    private final ShellContext context;

    DotTransitions(ShellContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        RunInfo r = context.store().resolveRun(run);
        context.printer().query("SELECT seq, ts, pid, process_name, from_state, to_state, cause, syscall, trace_id"
                + " FROM transitions WHERE run_id = ? AND (CAST(? AS INTEGER) IS NULL OR pid = ?) ORDER BY seq",
                r.runId(), pid, pid);
        return 0;
    }
}
