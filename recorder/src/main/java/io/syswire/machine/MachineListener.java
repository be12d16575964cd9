package io.syswire.machine;

import io.syswire.event.ProcessInfo;

/**
 * Receives what the state machine decides, in order. Sinks implement it. A process is named
 * by {@code procNo}, the run's number for it (1, 2, ... in the order first seen): the
 * machine alone decides when a pid is a new process, and sinks follow that one identity.
 */
public interface MachineListener {
    void transition(Transition t);

    void traceClosed(Trace t);

    /** A process was first seen, or what is known of its current image grew (a process record). */
    void processSeen(int procNo, ProcessInfo p, long ts);

    /** A process exec'd: {@code p} describes its new image, which starts at {@code ts}. */
    void imageStarted(int procNo, ProcessInfo p, long ts);

    /** A process is gone: its exit record, or its pid reappeared with another start time (code null). */
    void processExited(int procNo, ProcessInfo p, long ts, Integer code);
}
