package io.syswire.ops;

import sun.misc.Signal;

import java.util.ArrayList;
import java.util.List;

/** What asks a live recording to stop besides its duration: SIGINT and SIGTERM for a command, nothing for a caller that stops it itself. */
@FunctionalInterface
public interface StopOn {
    /** Wires {@code stop} up; closing the result puts things back as they were. */
    AutoCloseable install(Runnable stop);

    StopOn NOTHING = stop -> () -> { };

    /** Ctrl-C and SIGTERM (what systemd and kill send) stop the recording cleanly: the run is closed and compacted. */
    StopOn SIGNALS = stop -> {
        List<Signal> signals = List.of(new Signal("INT"), new Signal("TERM"));
        List<sun.misc.SignalHandler> previous = new ArrayList<>();
        for (Signal s : signals) {
            previous.add(Signal.handle(s, x -> stop.run()));
        }
        return () -> {
            for (int i = 0; i < signals.size(); i++) {
                Signal.handle(signals.get(i), previous.get(i));
            }
        };
    };
}
