package io.syswire.store;

/** How a run came to be: recorded from the kernel, imported from a raw log file, or replayed from another run. */
public enum RunKind {
    LIVE("live"), IMPORT("import"), REPLAY("replay");

    private final String label;

    RunKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Live and import runs hold captured evidence: raw events nothing may change. */
    public boolean storesRawEvents() {
        return this != REPLAY;
    }

    public static RunKind byLabel(String label) {
        for (RunKind k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no run kind " + label);
    }
}
