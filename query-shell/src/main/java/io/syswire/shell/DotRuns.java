package io.syswire.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = ".runs", description = "Lists the runs: kind, parent, status, counts, configuration.")
final class DotRuns implements Callable<Integer> {
    @Mixin
    HelpFlag help;

    private final ShellContext context;

    DotRuns(ShellContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        context.printer().query("SELECT run_id, kind, parent_run_id AS parent, status, raw_events, lost_events, traces,"
                + " transitions, REGEXP_REPLACE(task, '^syswire\\|', '') AS config FROM runs ORDER BY run_id");
        return 0;
    }
}
