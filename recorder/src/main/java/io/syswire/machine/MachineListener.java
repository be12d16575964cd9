package io.syswire.machine;

import io.syswire.event.ProcessInfo;

/** Receives what the state machine decides, in order. Sinks implement it. */
public interface MachineListener {
    void transition(Transition t);

    void traceClosed(Trace t);

    /** A process was first seen, or what is known of its current image grew (a process record). */
    void processSeen(ProcessInfo p, long ts);

    /** A process exec'd: {@code p} describes its new image, which starts at {@code ts}. */
    void imageStarted(ProcessInfo p, long ts);

    /** A process is gone: its exit record, or its pid reappeared with another start time (code null). */
    void processExited(ProcessInfo p, long ts, Integer code);
}
