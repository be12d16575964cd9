package io.syswire.fleet;

import java.io.Serializable;

/**
 * One replay of a fleet job, decided on the driver: the evidence run {@code parentRunId} of
 * {@code host} is replayed as run {@code runId} of that host with {@code configJson} (the
 * run's configuration with the overrides, resolved and checked before any task starts).
 */
public record ReplayPlan(String host, int parentRunId, int runId, String configJson) implements Serializable {
    static String key(String host, int runId) {
        return host + "/" + runId;
    }

    String parentKey() {
        return key(host, parentRunId);
    }
}
