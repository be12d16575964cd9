package io.syswire.live.proc;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Joining /proc/PID/cmdline into the published cmd. */
class CommandLineTest {
    static byte[] raw(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void argumentsAreJoinedWithSpacesAndTheTrailingNulIsDropped() {
        assertEquals("/usr/bin/python3 -m http.server 8080", CommandLine.join(raw("/usr/bin/python3\0-m\0http.server\08080\0")));
    }

    @Test
    void aSpaceInsideAnArgumentIsKeptAsItIs() {
        assertEquals("sh -c echo hi; id", CommandLine.join(raw("sh\0-c\0echo hi; id\0")));
    }

    @Test
    void aRewrittenArgvWithoutNulsOrWithPaddingReadsAsItsText() {
        assertEquals("nginx: worker process", CommandLine.join(raw("nginx: worker process")));
        assertEquals("postgres: checkpointer", CommandLine.join(raw("postgres: checkpointer\0\0\0\0")));
    }

    @Test
    void noArgumentsIsNoCommand() {
        assertNull(CommandLine.join(new byte[0]), "kernel threads and zombies have an empty cmdline");
        assertNull(CommandLine.join(raw("\0")));
    }

    @Test
    void onlyTheGivenLengthCounts() {
        assertEquals("ls -l", CommandLine.join(raw("ls\0-l\0garbage"), 6));
    }

    @Test
    void bytesThatAreNotUtf8AreReplacedNotFatal() {
        assertEquals("cat \uFFFD", CommandLine.join(new byte[]{'c', 'a', 't', 0, (byte) 0xff, 0}));
    }
}
