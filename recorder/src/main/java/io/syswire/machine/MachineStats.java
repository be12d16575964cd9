package io.syswire.machine;

/** Counts of what a run's state machine has done so far. */
public record MachineStats(long events, int traces, int transitions, long lostEvents, int incompleteTraces,
                           int trackedProcesses) {
}
