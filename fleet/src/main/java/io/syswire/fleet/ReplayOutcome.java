package io.syswire.fleet;

import java.io.Serializable;

/** What one replay did, sent from its task to the driver, which writes its runs row. */
public record ReplayOutcome(String host, int parentRunId, int runId, long rawEvents, long firstTs, long lastTs,
                            long lostEvents, int traces, int transitions, int incompleteTraces, long startedAt,
                            long endedAt) implements Serializable {
}
