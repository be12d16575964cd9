package io.syswire.live;

import com.sun.jna.Native;

/**
 * libbpf and libc, loaded once per recording. A machine without libbpf gets a one-line
 * error that says which package to install.
 */
public record Natives(NativeLibbpf bpf, NativeLibc libc) {

    public static Natives load() {
        return load("libbpf.so.1");
    }

    static Natives load(String libbpf) {
        NativeLibc libc = Native.load("c", NativeLibc.class);
        try {
            return new Natives(Native.load(libbpf, NativeLibbpf.class), libc);
        } catch (UnsatisfiedLinkError e) {
            throw new LiveUnavailableException("libbpf is not installed (" + libbpf + "): apt-get install libbpf1");
        }
    }

    String errno() {
        return describe(Native.getLastError());
    }

    String strerror(int errnum) {
        return libc.strerror(errnum);
    }

    static String describe(int errno) {
        return switch (errno) {
            case 1 -> "EPERM, not permitted";
            case 2 -> "ENOENT, no such tracepoint";
            case 13 -> "EACCES, permission denied";
            case 22 -> "EINVAL";
            case 24 -> "EMFILE, too many open files";
            default -> "errno " + errno;
        };
    }
}
