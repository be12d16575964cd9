package io.syswire.event;

/** Process {@code pid} created process {@code childPid} (a new process, not a thread). */
public record ForkEvent(long ts, int pid, int childPid, long childStartTime) implements RawEvent {
    @Override
    public Kind kind() {
        return Kind.FORK;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.fork(this);
    }
}
