package io.syswire.bench;

import io.syswire.event.Args;
import io.syswire.event.ExitEvent;
import io.syswire.event.ProcessEvent;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.event.SyscallEvent;
import io.syswire.event.TickEvent;
import io.syswire.kernel.Capability;
import io.syswire.kernel.SyscallTable;

import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A large, deterministic raw log shaped like a busy recording: 500 processes (a tenth of
 * them holding cap_net_raw, some only permitted), mostly context syscalls with a sprinkling
 * of tripwires, exits with pid reuse, ticks, 100 µs apart on average.
 */
final class SyntheticLog {
    private static final long T0 = 1_795_428_000_000_000_000L;
    private static final long NET_RAW = Capability.NET_RAW.mask();

    private SyntheticLog() {
    }

    static final int PROCESSES = 500;

    static void generate(long n, Consumer<RawEvent> out) {
        generate(n, PROCESSES, out);
    }

    /**
     * @param active how many of the processes are busy at a time: all of them (the default,
     *               every block holds every process), or a window that moves on by one process
     *               every 20,000 events, as a host's busy processes come and go
     */
    static void generate(long n, int active, Consumer<RawEvent> out) {
        SyscallTable table = SyscallTable.x86_64();
        int socket = table.byName("socket").nr();
        int sendto = table.byName("sendto").nr();
        int close = table.byName("close").nr();
        int openat = table.byName("openat").nr();
        String[] sendtoNames = {"fd", "buff", "len", "flags", "addr", "addr_len"};
        String[] closeNames = {"fd"};
        String[] socketNames = {"family", "type", "protocol"};
        String[] openatNames = {"dfd", "filename", "flags", "mode"};
        Map<String, Object> addr = Map.of("family", "AF_INET", "addr", "127.0.0.1", "port", 0L);
        Random r = new Random(42);
        int procs = PROCESSES;
        long[] start = new long[procs];
        long t = T0;
        for (long i = 0; i < n; i++) {
            t += r.nextInt(200_000);
            int p = active >= procs ? r.nextInt(procs) : (int) ((i / 20_000 + r.nextInt(active)) % procs);
            int pid = 10_000 + p;
            int roll = r.nextInt(1000);
            if (roll == 0) {
                out.accept(new ExitEvent(t, pid, start[p], 0));
                start[p] = t;
                continue;
            }
            if (roll == 1) {
                out.accept(new ProcessEvent(t, true, new ProcessInfo(pid, start[p], 1, "proc" + p, "/usr/bin/proc" + p,
                        "proc" + p + " --serve", "4-4026531841", null, null, null)));
                continue;
            }
            if (roll == 2) {
                out.accept(new TickEvent(t));
                continue;
            }
            long permitted = p % 10 == 0 ? NET_RAW : p % 10 == 1 ? NET_RAW : 0;
            long effective = p % 10 == 0 ? NET_RAW : 0;
            int nr;
            Args args;
            if (roll < 60) {
                nr = socket;
                args = Args.own(socketNames, new Object[] {2L, 3L, 1L});
            } else if (roll < 500) {
                nr = sendto;
                args = Args.own(sendtoNames, new Object[] {3L, 140737488351232L, 64L, 0L, addr, 16L});
            } else if (roll < 900) {
                nr = close;
                args = Args.own(closeNames, new Object[] {(long) r.nextInt(64)});
            } else {
                nr = openat;
                args = Args.own(openatNames, new Object[] {-100L, "/etc/hosts", 0L, 0L});
            }
            out.accept(new SyscallEvent(t, pid, pid, 1, start[p], "proc" + p, 0, 0, effective, permitted, 0, true, nr,
                    args, r.nextInt(100), true, 4026531841L, 4026531836L, 1000 + p));
        }
    }
}
