package io.syswire.machine;

/** Where a process stands with the syswire task. Unknown means no record is kept. */
public enum ProcessState {
    UNKNOWN("Unknown"), BENIGN("Benign"), DORMANT("Dormant"), TRACING("Tracing"), TRACED("Traced");

    private final String label;

    ProcessState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ProcessState byLabel(String label) {
        for (ProcessState s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no state " + label);
    }
}
