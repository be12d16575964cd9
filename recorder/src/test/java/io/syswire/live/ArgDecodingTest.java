package io.syswire.live;

import io.syswire.kernel.SyscallTable;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

import static io.syswire.live.RecordLayout.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which arguments the kernel reads behind pointers, and how their bytes read back. */
class ArgDecodingTest {
    static final SyscallTable TABLE = SyscallTable.x86_64();

    static ArgPlan plan(String syscall) {
        return ArgPlan.of(TABLE.byName(syscall));
    }

    @Test
    void pathsAreReadAsStringsButBuffersAreNot() {
        assertArrayEquals(new int[] {ARG_RAW, ARG_STR, ARG_RAW, ARG_RAW}, plan("openat").kinds());
        assertArrayEquals(new int[] {ARG_RAW, ARG_RAW, ARG_RAW}, plan("write").kinds(), "write's buf is data, not a path");
        assertArrayEquals(new int[] {ARG_STR, ARG_STR, ARG_STR, ARG_RAW, ARG_RAW}, plan("mount").kinds());
        assertArrayEquals(new int[] {ARG_STR, ARG_STR}, plan("rename").kinds());
    }

    @Test
    void socketAddressesTakeTheirLengthFromTheLengthArgument() {
        ArgPlan sendto = plan("sendto");
        assertEquals(ARG_SOCKADDR, sendto.kinds()[4]);
        assertEquals(5, sendto.lenArgs()[4]);
        assertEquals(ARG_SOCKADDR, plan("connect").kinds()[1]);
        ArgPlan accept = plan("accept");
        assertEquals(ARG_SOCKADDR_LENPTR, accept.kinds()[1], "accept fills the address and its length");
        assertEquals(2, accept.lenArgs()[1]);
        assertEquals(ARG_SOCKADDR_LENPTR, plan("recvfrom").kinds()[4]);
    }

    @Test
    void capsetHeaderAndDataAreReadAsFixedStructs() {
        ArgPlan capset = plan("capset");
        assertArrayEquals(new int[] {ARG_BYTES, ARG_BYTES}, capset.kinds());
        assertArrayEquals(new int[] {8, 24}, capset.fixedLens());
    }

    @Test
    void syscallsThatDoNotReturnOrReplaceTheImageAreFlagged() {
        assertEquals(SYS_NORETURN, plan("exit_group").flags());
        assertEquals(SYS_READ_AT_ENTRY, plan("execve").flags());
        byte[] info = plan("socket").sysinfo(true);
        assertEquals(SYS_CAPTURE | SYS_TRIPWIRE, info[I_FLAGS]);
    }

    @Test
    void registerValuesReadAsTheParameterType() {
        assertEquals(-1, plan("socket").value(0, 0xFFFF_FFFFL), "int family");
        assertEquals(0xFFFF_FFFFL, plan("close").value(0, -1L), "unsigned int fd");
        assertEquals(-100, plan("openat").value(0, 0xFFFF_FF9CL), "int dfd (AT_FDCWD)");
        assertEquals(140737488351232L, plan("sendto").value(1, 140737488351232L), "a pointer");
    }

    static ByteBuffer bytes(int... b) {
        ByteBuffer buf = ByteBuffer.allocate(b.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : b) {
            buf.put((byte) x);
        }
        return buf;
    }

    @Test
    void ipv4AndIpv6AddressesWithPortsInNetworkOrder() {
        ByteBuffer in4 = bytes(2, 0, 0x1F, 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0);
        assertEquals(Map.of("family", "AF_INET", "addr", "127.0.0.1", "port", 8080L), BlobDecoder.sockaddr(in4, 0, 16));
        ByteBuffer in6 = bytes(10, 0, 0, 53, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0);
        assertEquals(Map.of("family", "AF_INET6", "addr", "0:0:0:0:0:0:0:1", "port", 53L), BlobDecoder.sockaddr(in6, 0, 28));
    }

    @Test
    void unixPathsAndAbstractNames() {
        ByteBuffer path = bytes(1, 0, '/', 'r', 'u', 'n', '/', 's', 0, 'x');
        assertEquals(Map.of("family", "AF_UNIX", "path", "/run/s"), BlobDecoder.sockaddr(path, 0, 10));
        ByteBuffer abs = bytes(1, 0, 0, 'd', 'b', 'u', 's');
        assertEquals(Map.of("family", "AF_UNIX", "path", "@dbus"), BlobDecoder.sockaddr(abs, 0, 7));
    }

    @Test
    void capsetDataCombinesItsTwoWords() {
        ByteBuffer data = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, 0x2000).putInt(4, 0x2000).putInt(8, 0).putInt(12, 0x1).putInt(16, 0x1).putInt(20, 0);
        assertEquals(Map.of("effective", "0000000100002000", "permitted", "0000000100002000", "inheritable", "0000000000000000"),
                BlobDecoder.capData(data, 0, 24));
    }

    @Test
    void aFailedReadKeepsThePointerAndSaysWhy() {
        assertEquals(Map.of("ptr", 4096L, "error", "EFAULT"), BlobDecoder.decode(ARG_STR, bytes(), 0, -14, 4096L, "filename"));
    }
}
