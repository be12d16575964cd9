package io.syswire.kernel;

import java.util.List;

/**
 * One x86_64 syscall as the kernel's tracepoint metadata describes it.
 *
 * @param tracepoint the event name under syscalls/ ({@code sys_enter_<tracepoint>}), which differs
 *                   from the ABI name for a few (stat is newstat); null when the kernel has none
 */
public record Syscall(int nr, String name, List<Param> params, boolean paramsKnown, String tracepoint) {

    /** A parameter, C type and name exactly as tracefs prints them. */
    public record Param(String type, String name) {
    }

    public Syscall {
        params = List.copyOf(params);
    }

    public String paramName(int index) {
        return index < params.size() ? params.get(index).name() : "arg" + index;
    }
}
