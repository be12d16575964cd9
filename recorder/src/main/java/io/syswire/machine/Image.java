package io.syswire.machine;

/**
 * A program image a process started by exec: when, and the name, exe and cmd of that image
 * (what the exec record said; absent values are null).
 */
public record Image(long ts, String name, String exe, String cmd) {
}
