package io.syswire.ops;

import io.syswire.BadInputException;
import io.syswire.config.Config;
import io.syswire.config.ConfigJson;
import io.syswire.kernel.SyscallTable;
import io.syswire.machine.StateMachine;
import io.syswire.pipeline.Recorder;
import io.syswire.store.CaseStore;
import io.syswire.store.ChainCheck;
import io.syswire.store.RawIndexCheck;
import io.syswire.store.RunInfo;
import io.syswire.store.RunKind;
import io.syswire.store.StoredRunCheck;
import io.syswire.store.StoredRunSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code syswire verify}: is the evidence in a case what was recorded? For every live and
 * import run, its raw blocks against their SHA-256 chain; and, the state machine being
 * deterministic, every run's traces and transitions recomputed from its raw events and
 * configuration and compared, row by row, with what is stored.
 */
public final class Verifier {
    /** One run's outcome: intact, altered, or not checkable because the raw events it rests on are altered. */
    public record Verdict(int runId, boolean intact, String line) {
    }

    private Verifier() {
    }

    /** @param runId the run to check, or null for every run */
    public static List<Verdict> verify(CaseStore store, Integer runId, SyscallTable table) throws IOException {
        List<RunInfo> runs = runId == null ? store.runs() : List.of(store.resolveRun(runId));
        if (runs.isEmpty()) {
            throw new BadInputException("the case has no runs to verify");
        }
        Map<Integer, ChainCheck.Result> chains = new HashMap<>();
        List<Verdict> out = new ArrayList<>();
        for (RunInfo run : runs) {
            out.add(verify(store, run, table, chains));
        }
        return out;
    }

    private static Verdict verify(CaseStore store, RunInfo run, SyscallTable table, Map<Integer, ChainCheck.Result> chains)
            throws IOException {
        RunInfo evidence = store.evidenceRun(run);
        ChainCheck.Result chain = chains.computeIfAbsent(evidence.runId(), id -> ChainCheck.of(store, evidence));
        StringBuilder line = new StringBuilder("run ").append(run.runId()).append(' ').append(run.kind().label());
        if (run.kind() == RunKind.REPLAY) {
            line.append(" of ").append(run.parentRunId());
        }
        if (!chain.intact()) {
            if (run.kind().storesRawEvents()) {
                return new Verdict(run.runId(), false, line.append(": ALTERED: ").append(chain.problem()).toString());
            }
            return new Verdict(run.runId(), false, line.append(": cannot be checked: the raw events of run ")
                    .append(evidence.runId()).append(" are altered").toString());
        }
        boolean cutOff = !"complete".equals(run.status());
        if (run.kind().storesRawEvents()) {
            line.append(" sha256:").append(chain.digest()).append(" intact");
            List<String> notes = new ArrayList<>();
            if (cutOff) {
                notes.add(run.status() + ": verified up to its last commit, " + chain.events() + " events");
            }
            if ("upgrade".equals(run.digestOrigin())) {
                notes.add("chain computed at upgrade, not at capture");
            }
            if (!notes.isEmpty()) {
                line.append(" (").append(String.join("; ", notes)).append(')');
            }
            // a run cut off by a syswire from before counts were committed with the data says 0
            if ((!cutOff || run.rawEvents() != 0) && run.rawEvents() != chain.events()) {
                return new Verdict(run.runId(), false, line.append("; ALTERED: its record says ").append(run.rawEvents())
                        .append(" raw events, its blocks hold ").append(chain.events()).toString());
            }
            String derived = RawIndexCheck.of(store, run.runId());
            if (derived != null) {
                return new Verdict(run.runId(), false, line.append("; ALTERED: ").append(derived)
                        .append(" (derived data, not evidence: the blocks themselves are intact)").toString());
            }
        }
        if (!run.hasConfig()) {
            return new Verdict(run.runId(), true, line.append(run.kind().storesRawEvents()
                    ? "; raw events only (no configuration, nothing to recompute)" : "").toString());
        }
        if (!Integer.valueOf(StateMachine.RULES).equals(run.machineRules())) {
            // today's machine would make other traces of the same events (an exec now ends a
            // verdict): recomputing would call a faithful run altered
            int rules = run.machineRules() == null ? 1 : run.machineRules();
            return new Verdict(run.runId(), true, line.append(run.kind().storesRawEvents() ? "; " : ": ")
                    .append("traces and transitions not recomputed: made by state machine rules ").append(rules)
                    .append(", this syswire has rules ").append(StateMachine.RULES)
                    .append(" (a replay of the run gives today's)").toString());
        }
        Config config = ConfigJson.settings(run.configJson()).resolve(table);
        StoredRunCheck check = new StoredRunCheck(store, run.runId(), config.meta());
        Recorder recorder = new Recorder(new StateMachine(config, table, check), check);
        StoredRunSource source = new StoredRunSource(store, evidence.runId());
        if (cutOff) {
            source.drain(recorder); // no end of log: traces open at the cut stay open, as stored
            check.checkNothingMore();
        } else {
            recorder.run(source);
        }
        line.append(run.kind().storesRawEvents() ? "; " : ": ");
        if (check.difference() != null) {
            return new Verdict(run.runId(), false, line.append("ALTERED: ").append(check.difference()).toString());
        }
        if ((!cutOff || run.rawEvents() != 0) && (run.traces() != check.traces() || run.transitions() != check.transitions())) {
            return new Verdict(run.runId(), false, line.append("ALTERED: its record says ").append(run.traces())
                    .append(" traces and ").append(run.transitions()).append(" transitions, its raw events give ")
                    .append(check.traces()).append(" and ").append(check.transitions()).toString());
        }
        return new Verdict(run.runId(), true, line.append(check.traces()).append(" traces and ").append(check.transitions())
                .append(" transitions reproduce").toString());
    }
}
