package io.syswire.ops;

import io.syswire.pipeline.RunSummary;
import io.syswire.store.RunKind;

import java.util.Locale;

/** A run that was written: its id, what it did, and for a run that stores raw events its digest (hex SHA-256). */
public record RunOutcome(int runId, RunKind kind, Integer parentRunId, RunSummary summary, String digest) {

    /** {@code digest sha256:<64 hex>}, the line record and import print last; null for a replay. */
    public String digestLine() {
        return digest == null ? null : "digest sha256:" + digest;
    }

    /** One line for humans: {@code run 2 (replay of run 1): 1234 events, 2 traces, 7 transitions, 0 lost, 0.05 s}. */
    public String describe() {
        String what = switch (kind) {
            case REPLAY -> "replay of run " + parentRunId;
            case IMPORT -> "import";
            case LIVE -> "live";
        };
        StringBuilder b = new StringBuilder("run ").append(runId).append(" (").append(what).append("): ")
                .append(summary.rawEvents()).append(" events");
        if (summary.machine() != null) {
            b.append(", ").append(summary.machine().traces()).append(" traces, ")
                    .append(summary.machine().transitions()).append(" transitions");
            if (summary.machine().incompleteTraces() > 0) {
                b.append(" (").append(summary.machine().incompleteTraces()).append(" incomplete)");
            }
        } else {
            b.append(" stored (no configuration: replay it with one)");
        }
        b.append(", ").append(summary.lostEvents()).append(" lost, ")
                .append(String.format(Locale.ROOT, "%.2f s", summary.elapsed().toNanos() / 1e9));
        return b.toString();
    }
}
