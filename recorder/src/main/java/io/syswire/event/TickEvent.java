package io.syswire.event;

/** Time passed with nothing to report; lets sweeps run on time in a quiet recording and in its replays. */
public record TickEvent(long ts) implements RawEvent {
    @Override
    public Kind kind() {
        return Kind.TICK;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.tick(this);
    }
}
