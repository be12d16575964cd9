package io.syswire.store;

import io.syswire.pipeline.RawEventHandler;
import io.syswire.pipeline.Source;

/** The raw events of a stored evidence run, in order: what a replay feeds the state machine. */
public final class StoredRunSource implements Source {
    private final CaseStore store;
    private final int runId;

    public StoredRunSource(CaseStore store, int runId) {
        this.store = store;
        this.runId = runId;
    }

    @Override
    public void drain(RawEventHandler handler) {
        store.readRaw(runId, handler);
    }

    @Override
    public void close() {
    }
}
