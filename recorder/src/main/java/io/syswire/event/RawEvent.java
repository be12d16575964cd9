package io.syswire.event;

/**
 * One record of the raw syscall log: what the kernel reported, or what a raw log
 * file holds. Times are nanoseconds since the Unix epoch (UTC).
 */
public sealed interface RawEvent permits SyscallEvent, ProcessEvent, ForkEvent, ExitEvent, TickEvent, LostEvent {
    /** An absent pid, ppid, tid, uid or gid. */
    int NO_PID = -1;
    /** An absent time (process start time, exit code...). */
    long NO_TIME = Long.MIN_VALUE;

    long ts();

    Kind kind();

    /** Hands this record to the visitor's method for its kind. */
    <R> R accept(Visitor<R> v);

    /**
     * Handling for every kind of record. A new kind gets a method here, so every handler
     * that does not handle it fails to compile, rather than silently ignoring it.
     */
    interface Visitor<R> {
        R syscall(SyscallEvent e);

        /** A {@code process} record, or an {@code exec} record ({@link ProcessEvent#exec}). */
        R process(ProcessEvent e);

        R fork(ForkEvent e);

        R exit(ExitEvent e);

        R tick(TickEvent e);

        R lost(LostEvent e);
    }

    /** The record kinds of the raw log file format. */
    enum Kind {
        SYSCALL("syscall"), PROCESS("process"), EXEC("exec"), FORK("fork"), EXIT("exit"), TICK("tick"), LOST("lost");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Kind byLabel(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            return null;
        }
    }
}
