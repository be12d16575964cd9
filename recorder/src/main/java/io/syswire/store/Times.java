package io.syswire.store;

import io.syswire.event.RawEvent;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Event time (ns since the epoch) to and from the SQL timestamps of the case database. */
public final class Times {
    private Times() {
    }

    public static OffsetDateTime sql(long epochNanos) {
        if (epochNanos == RawEvent.NO_TIME) {
            return null;
        }
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L)), ZoneOffset.UTC);
    }

    public static long nanos(OffsetDateTime t) {
        if (t == null) {
            return RawEvent.NO_TIME;
        }
        Instant i = t.toInstant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
