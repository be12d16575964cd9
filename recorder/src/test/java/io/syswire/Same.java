package io.syswire;

import io.syswire.event.RawEvent;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Compares raw logs event by event, so a failure names the first event that differs. */
public final class Same {
    private Same() {
    }

    public static void events(List<RawEvent> expected, List<RawEvent> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), what + ": event " + (i + 1));
        }
        assertEquals(expected.size(), actual.size(), what + ": number of events");
    }
}
