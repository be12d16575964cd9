package io.syswire.store;

/**
 * A run as the {@code runs} table describes it. Times are ns since the epoch
 * ({@link io.syswire.event.RawEvent#NO_TIME} when absent); {@code configJson} is null for
 * an import without configuration. {@code rawDigest} is the hex SHA-256 digest of an evidence
 * run's raw blocks ({@code digestOrigin} capture or upgrade), null for a replay or a run cut off
 * before it could be repaired. {@code machineRules} names the state machine rules that made its
 * traces ({@link io.syswire.machine.StateMachine#RULES}); null for a run from before schema 4.
 * {@code host} is the host the raw events were captured on (a replay's: its parent's), null when
 * not known.
 */
public record RunInfo(int runId, RunKind kind, Integer parentRunId, String configJson, String task, String source,
                      String status, long startedAt, long endedAt, long firstEventTs, long lastEventTs,
                      long rawEvents, long lostEvents, int traces, int transitions, int incompleteTraces,
                      Long kernelSeen, Long kernelForwarded, Long kernelDropped, Long kernelReadFailures,
                      String rawDigest, String digestOrigin, Integer machineRules,
                      String host) {

    /** The run whose raw events this run's traces point at: itself, or for a replay its source run. */
    public boolean hasConfig() {
        return configJson != null;
    }
}
