package io.syswire;

import io.syswire.event.Args;
import io.syswire.event.ExitEvent;
import io.syswire.event.ForkEvent;
import io.syswire.event.LostEvent;
import io.syswire.event.ProcessEvent;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.event.SyscallEvent;
import io.syswire.event.TickEvent;
import io.syswire.kernel.SyscallTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates plausible raw logs: a few processes and threads calling tripwire, context and
 * unrelated syscalls with changing capabilities, plus forks, execs, exits (with pid reuse),
 * ticks, losses and occasional out-of-order timestamps. Same seed, same log.
 */
public final class RandomLogs {
    private static final String[] SYSCALLS = {"socket", "ptrace", "sendto", "close", "openat", "read", "capset", "getppid"};
    private static final long[] CAPS = {0, Events.NET_RAW, Events.SYS_PTRACE, Events.NET_RAW | Events.SYS_PTRACE, Events.ALL};

    private RandomLogs() {
    }

    public static List<RawEvent> generate(long seed, int n) {
        Random r = new Random(seed);
        SyscallTable table = SyscallTable.x86_64();
        List<RawEvent> out = new ArrayList<>(n);
        long t = Events.T0;
        int[] pids = {100, 101, 102, 103, 104, 105};
        long[] starts = new long[pids.length];
        for (int i = 0; i < pids.length; i++) {
            starts[i] = t - 1_000_000_000L * (i + 1);
        }
        while (out.size() < n) {
            t += (long) (r.nextDouble() * r.nextDouble() * 2e9);
            long ts = r.nextInt(50) == 0 ? t - r.nextInt(500_000_000) : t; // now and then out of order
            int p = r.nextInt(pids.length);
            int pid = pids[p];
            int what = r.nextInt(100);
            if (what < 80) {
                String name = SYSCALLS[r.nextInt(SYSCALLS.length)];
                long permitted = CAPS[r.nextInt(CAPS.length)];
                long effective = permitted & CAPS[r.nextInt(CAPS.length)];
                int tid = r.nextInt(4) == 0 ? pid + 1000 : pid;
                Map<String, Object> args = new LinkedHashMap<>();
                args.put("fd", (long) r.nextInt(10));
                if (r.nextBoolean()) {
                    args.put("addr", Map.of("family", "AF_INET", "addr", "127.0.0." + r.nextInt(3), "port", (long) r.nextInt(3)));
                }
                if (r.nextInt(5) == 0) {
                    args.put("path", "/tmp/f" + r.nextInt(4));
                }
                out.add(new SyscallEvent(ts, pid, tid, 1, r.nextInt(10) == 0 ? RawEvent.NO_TIME : starts[p], "proc" + pid,
                        r.nextInt(2) * 1000, 0, effective, permitted, 0, r.nextBoolean(), table.byName(name).nr(),
                        Args.own(args.keySet().toArray(new String[0]), args.values().toArray()), r.nextInt(100) - 5,
                        r.nextInt(8) != 0, 4026531841L, 4026531836L, 1234 + p));
            } else if (what < 85) {
                out.add(new TickEvent(ts));
            } else if (what < 89) {
                out.add(new ExitEvent(ts, pid, starts[p], r.nextInt(3)));
                starts[p] = ts; // the pid is reused by a new process
            } else if (what < 92) {
                int child = (p + 1) % pids.length;
                starts[child] = ts;
                out.add(new ForkEvent(ts, pid, pids[child], ts));
            } else if (what < 96) {
                out.add(new ProcessEvent(ts, r.nextBoolean(), new ProcessInfo(pid, starts[p], 1, "name" + r.nextInt(3),
                        "/bin/x" + r.nextInt(3), "x --arg " + r.nextInt(5), "4-4026531841",
                        r.nextBoolean() ? "c0ffee" + p : null, r.nextBoolean() ? "box" + p : null, null)));
            } else if (what < 97) {
                out.add(new LostEvent(ts, 1 + r.nextInt(20)));
            } else {
                // a gap: sweeps fall due while nothing happens
                t += (long) (r.nextDouble() * 20e9);
                out.add(new TickEvent(t));
            }
        }
        return out;
    }
}
