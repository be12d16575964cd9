package io.syswire.shell;

import io.syswire.BadInputException;
import io.syswire.output.Json;
import io.syswire.store.RunInfo;
import org.jooq.JSON;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import static io.syswire.store.schema.Tables.TRACES;

@Command(name = ".show", description = "Prints one trace as published: pretty JSON in the seed's shape.")
final class DotShow implements Callable<Integer> {
    @Mixin
    HelpFlag help;

    @Parameters(index = "0", paramLabel = "TRACE_ID", description = "the trace (see .traces)")
    int traceId;

    @Option(names = "--run", paramLabel = "N", description = "the run (default: the newest)")
    Integer run;

    private final ShellContext context;

    DotShow(ShellContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        RunInfo r = context.store().resolveRun(run);
        JSON doc = context.store().sql().select(TRACES.DOC).from(TRACES)
                .where(TRACES.RUN_ID.eq(r.runId()).and(TRACES.TRACE_ID.eq(traceId))).fetchOne(TRACES.DOC);
        if (doc == null) {
            throw new BadInputException("run " + r.runId() + " has no trace " + traceId
                    + (r.traces() == 0 ? " (it has none)" : " (traces: .traces " + r.runId() + ")"));
        }
        PrintWriter out = context.console().results();
        out.println(Json.TREE.writerWithDefaultPrettyPrinter().writeValueAsString(Json.TREE.readTree(doc.data())));
        out.flush();
        return 0;
    }
}
