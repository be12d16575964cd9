package io.syswire.live;

import io.syswire.BadInputException;
import io.syswire.kernel.Syscall;
import io.syswire.kernel.SyscallTable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Programs a loaded {@link KernelProgram} for a recording: the config record, the
 * per-syscall table, the scope filters; then attaches. Everything the kernel side needs
 * to know about a recording goes through here.
 */
final class KernelSettings {
    private KernelSettings() {
    }

    static void apply(KernelProgram k, LiveOptions o, SyscallTable table, int selfTgid) {
        ByteBuffer c = ByteBuffer.allocate(RecordLayout.CONFIG_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        c.putLong(RecordLayout.C_ELEVATED, o.config().capabilities().mask());
        c.putLong(RecordLayout.C_BUDGET_NS, o.budgetTime().toNanos());
        c.putInt(RecordLayout.C_BUDGET_EVENTS, o.budgetEvents());
        c.putInt(RecordLayout.C_SELF_TGID, selfTgid);
        c.putInt(RecordLayout.C_UNGATED, o.ungated() ? 1 : 0);
        List<Integer> pids = o.config().scope().exactPids();
        Optional<String> comm = o.config().scope().exactName();
        c.putInt(RecordLayout.C_PID_FILTER, pids.isEmpty() ? 0 : 1);
        c.putInt(RecordLayout.C_COMM_FILTER, comm.isPresent() ? 1 : 0);
        c.putInt(RecordLayout.C_WAKEUP_BYTES, Math.max(4096, o.ringBytes() / 16));
        k.put("config", 0, c.array());

        List<String> tracepoints = new ArrayList<>();
        for (int nr : o.capture().numbers()) {
            Syscall s = table.byNr(nr);
            if (s == null || s.tracepoint() == null) {
                throw new BadInputException("syscall " + table.nameOf(nr) + " has no tracepoint on this kernel: it cannot be captured");
            }
            k.put("sysinfo", nr, ArgPlan.of(s).sysinfo(o.config().tripwires().contains(nr)));
            tracepoints.add(s.tracepoint());
        }
        for (int pid : pids) {
            k.put("scope_pids", pid, new byte[] {1});
        }
        comm.ifPresent(name -> {
            byte[] key = new byte[RecordLayout.COMM_LEN];
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(n, 0, key, 0, Math.min(n.length, RecordLayout.COMM_LEN - 1));
            k.put("scope_comms", key, new byte[] {1});
        });
        k.attachSyscalls(tracepoints);
        k.attachLifecycle();
    }
}
