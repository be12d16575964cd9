package io.syswire.kernel;

import io.syswire.BadInputException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Capability and syscall names and numbers agree with the kernel's own definitions. */
class KernelTablesTest {
    @Test
    void capabilityBitsMatchLinuxCapabilityH() throws IOException {
        Path header = Path.of("/usr/include/linux/capability.h");
        String text = Files.readString(header);
        Matcher m = Pattern.compile("#define\\s+CAP_([A-Z_]+)\\s+(\\d+)\\s*$", Pattern.MULTILINE).matcher(text);
        int seen = 0;
        while (m.find()) {
            if (m.group(1).equals("LAST_CAP")) {
                continue;
            }
            assertEquals(Integer.parseInt(m.group(2)), Capability.parse(m.group(1)).bit(), m.group(1));
            seen++;
        }
        assertEquals(Capability.values().length, seen, "every capability in the header is known, and no more");
        assertEquals(41, Capability.values().length);
    }

    @Test
    void capabilitiesAreAcceptedInEverySpelling() {
        assertEquals(Capability.NET_RAW, Capability.parse("cap_net_raw"));
        assertEquals(Capability.NET_RAW, Capability.parse("CAP_NET_RAW"));
        assertEquals(Capability.NET_RAW, Capability.parse("net_raw"));
    }

    @Test
    void capabilityMasksPrintAsInProcStatus() {
        assertEquals("000001ffffffffff", CapabilitySet.hex((1L << 41) - 1));
        assertEquals((1L << 41) - 1, CapabilitySet.parseHex("000001ffffffffff"));
        assertEquals("cap_net_raw+cap_sys_ptrace", CapabilitySet.parse("cap_sys_ptrace+net_raw").toString());
    }

    @Test
    void syscallNumbersMatchTheX86_64Header() throws IOException {
        Path header = Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h");
        Matcher m = Pattern.compile("#define __NR_(\\w+) (\\d+)").matcher(Files.readString(header));
        SyscallTable t = SyscallTable.x86_64();
        int checked = 0;
        while (m.find()) {
            Syscall s = t.find(m.group(1));
            if (s != null) {
                assertEquals(Integer.parseInt(m.group(2)), s.nr(), m.group(1));
                checked++;
            }
        }
        assertTrue(checked > 330, "checked " + checked);
    }

    @Test
    void theTableKnowsArgumentNamesAndTypesFromTracefs() {
        SyscallTable t = SyscallTable.x86_64();
        Syscall sendto = t.byName("sendto");
        assertEquals(44, sendto.nr());
        assertEquals("addr", sendto.params().get(4).name());
        assertEquals("struct sockaddr *", sendto.params().get(4).type());
        assertEquals("newstat", t.byName("stat").tracepoint());
        assertNotNull(t.byName("mseal"));
        assertTrue(t.all().size() > 370);
    }

    @Test
    void unknownSyscallNamesSuggestTheNearest() {
        BadInputException e = assertThrows(BadInputException.class, () -> SyscallTable.x86_64().byName("ptrcae"));
        assertEquals("unknown syscall 'ptrcae' (did you mean ptrace?)", e.getMessage());
    }
}
