package io.syswire.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** Whether a standard stream is a terminal (status lines and colours only go to terminals). */
final class Terminals {
    private interface Libc extends Library {
        int isatty(int fd);
    }

    private Terminals() {
    }

    static boolean stderrIsTerminal() {
        try {
            return Native.load("c", Libc.class).isatty(2) == 1;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }
}
