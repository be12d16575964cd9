package io.syswire.event;

/** Process metadata: when a process is first seen ({@code process}) or after a successful exec ({@code exec}). */
public record ProcessEvent(long ts, boolean exec, ProcessInfo info) implements RawEvent {
    @Override
    public Kind kind() {
        return exec ? Kind.EXEC : Kind.PROCESS;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
        return v.process(this);
    }
}
