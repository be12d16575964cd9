package io.syswire.live;

import io.syswire.event.SyscallEvent;
import io.syswire.kernel.SyscallTable;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static io.syswire.live.RecordLayout.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Kernel syscall records, built byte by byte as bpf/syswire.h lays them out, read back as events. */
class RecordDecoderTest {
    static final SyscallTable TABLE = SyscallTable.x86_64();
    final RecordDecoder decoder = new RecordDecoder(TABLE, boot -> boot + 1_000_000_000L);

    static ByteBuffer syscallRecord(int pid, String comm, String syscall, long arg0, long ret) {
        ByteBuffer b = ByteBuffer.allocate(SYSCALL_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(H_KIND, (short) REC_SYSCALL);
        b.putShort(H_SIZE, (short) SYSCALL_SIZE);
        b.putLong(H_TS, 5_000L);
        b.putInt(TASK + T_PID, pid);
        b.putInt(TASK + T_TID, pid);
        b.putInt(TASK + T_PPID, 1);
        b.putLong(TASK + T_START_TIME, 100L);
        b.putLong(TASK + T_CAP_EFFECTIVE, 1L << 13);
        byte[] name = comm.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < name.length && i < COMM_LEN - 1; i++) {
            b.put(TASK + T_COMM + i, name[i]);
        }
        b.putInt(S_NR, TABLE.byName(syscall).nr());
        b.putLong(S_ARGS, arg0);
        b.putLong(S_RET, ret);
        return b;
    }

    SyscallEvent decode(ByteBuffer record) {
        return (SyscallEvent) decoder.decode(record, 0, SYSCALL_SIZE).event();
    }

    @Test
    void aSyscallRecordBecomesAnEventInWallClockTime() {
        SyscallEvent e = decode(syscallRecord(42, "flood", "close", 0xFFFF_FFFFL, -9));
        assertEquals(1_000_005_000L, e.ts());
        assertEquals(1_000_000_100L, e.startTime());
        assertEquals(42, e.pid());
        assertEquals("flood", e.comm());
        assertEquals("close", TABLE.byNr(e.nr()).name());
        assertEquals(0xFFFF_FFFFL, e.args().value(0));
        assertEquals(-9, e.ret());
        assertEquals(1L << 13, e.capEffective());
    }

    @Test
    void processNamesComeOutRightWhateverCameBefore() {
        // names that share their first eight bytes, the longest a comm can be, one that is
        // empty, and the same names again: the decoder keeps recent names, never a wrong one
        String[] names = {"kworker/0:1", "kworker/0:2", "kworker/1:1", "abcdefghijklmno", "", "a", "kworker/0:1"};
        for (int round = 0; round < 3; round++) {
            for (String name : names) {
                assertEquals(name, decode(syscallRecord(7, name, "close", 3, 0)).comm());
            }
        }
    }

    @Test
    void aCommWithoutItsNulEndsAtSixteenBytes() {
        ByteBuffer r = syscallRecord(7, "", "close", 3, 0);
        byte[] full = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < COMM_LEN; i++) {
            r.put(TASK + T_COMM + i, full[i]);
        }
        assertEquals("0123456789abcdef", decode(r).comm());
    }

    @Test
    void anExecRecordCarriesTheTasksNamespaceAndCgroupAsTheKernelReported() {
        ByteBuffer b = ByteBuffer.allocate(EXEC_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(H_KIND, (short) REC_EXEC);
        b.putShort(H_SIZE, (short) EXEC_SIZE);
        b.putInt(TASK + T_PID, 9);
        b.putLong(TASK + T_MNT_NS, 4026531841L);
        b.putLong(TASK + T_CGROUP_ID, 7251L);
        byte[] path = "./tool".getBytes(StandardCharsets.US_ASCII);
        b.put(E_FILENAME, path);
        b.putShort(E_FILENAME_LEN, (short) path.length);
        RecordDecoder.Decoded d = decoder.decode(b, 0, EXEC_SIZE);
        var exec = (io.syswire.event.ProcessEvent) d.event();
        assertEquals(4026531841L, d.mntNs());
        assertEquals(7251L, d.cgroupId());
        assertEquals("./tool", exec.info().exe(), "without a whole kernel path: the path as given to execve");
    }

    @Test
    void anExecRecordNamesTheExeByThePathTheKernelWalkedLeafFirst() {
        ByteBuffer b = ByteBuffer.allocate(EXEC_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(H_KIND, (short) REC_EXEC);
        b.putShort(H_SIZE, (short) EXEC_SIZE);
        b.putInt(TASK + T_PID, 9);
        b.put(TASK + T_COMM, "ping".getBytes(StandardCharsets.US_ASCII));
        b.put(E_FILENAME, "ping".getBytes(StandardCharsets.US_ASCII));
        b.putShort(E_FILENAME_LEN, (short) 4);
        String[] parts = {"ping", "bin", "usr"};
        for (int i = 0; i < parts.length; i++) {
            b.put(E_EXE_PARTS + i * EXE_PART_MAX, parts[i].getBytes(StandardCharsets.US_ASCII));
        }
        b.put(E_EXE_DEPTH, (byte) 3);
        b.put(E_EXE_FLAGS, (byte) EXE_COMPLETE);
        var exec = (io.syswire.event.ProcessEvent) decoder.decode(b, 0, EXEC_SIZE).event();
        assertEquals("/usr/bin/ping", exec.info().exe());
        assertEquals("ping", exec.info().name(), "the kernel's comm of the new image");
        b.put(E_EXE_FLAGS, (byte) 0); // the walk stopped short (too deep, a name too long)
        exec = (io.syswire.event.ProcessEvent) decoder.decode(b, 0, EXEC_SIZE).event();
        assertEquals("ping", exec.info().exe(), "an incomplete walk is not passed off as a path");
    }
}
