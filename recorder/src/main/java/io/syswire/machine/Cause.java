package io.syswire.machine;

/**
 * Why a process changed state. MAXTRACE, MAXAGE, EXIT and END also end a trace, and then name
 * its end reason; EXEC never does (a Tracing process keeps tracing across an exec).
 */
public enum Cause {
    /** A tripwire syscall was judged on the caller's credentials. */
    TRIPWIRE,
    /** The trace's context list reached maxtrace. */
    MAXTRACE,
    /** A sweep found the process in its state longer than maxage. */
    MAXAGE,
    /** A successful exec: Benign, Dormant and Traced belonged to the old image and end. */
    EXEC,
    /** The process exited (or its pid turned up with a new start time). */
    EXIT,
    /** The raw log ended while the trace was open. */
    END;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Cause byLabel(String label) {
        return valueOf(label.toUpperCase(java.util.Locale.ROOT));
    }
}
