package io.syswire.event;

/**
 * The kernel could not deliver {@code count} records before this point (its ring buffer was
 * full). Every trace open at that moment may be incomplete.
 */
public record LostEvent(long ts, long count) implements RawEvent {
    @Override
    public Kind kind() {
        return Kind.LOST;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.lost(this);
    }
}
