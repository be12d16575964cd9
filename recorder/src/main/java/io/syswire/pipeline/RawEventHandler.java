package io.syswire.pipeline;

import io.syswire.event.RawEvent;

/** Takes raw events in log order. */
@FunctionalInterface
public interface RawEventHandler {
    void accept(RawEvent e);
}
