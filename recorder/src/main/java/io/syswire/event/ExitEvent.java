package io.syswire.event;

/** The last thread of process {@code pid} exited; {@code code} is as wait(2) reports it, or null. */
public record ExitEvent(long ts, int pid, long startTime, Integer code) implements RawEvent {
    @Override
    public Kind kind() {
        return Kind.EXIT;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.exit(this);
    }
}
