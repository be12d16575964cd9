package io.syswire.kernel;

import io.syswire.BadInputException;
import io.syswire.store.Printable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Linux capabilities in bit order, as linux/capability.h numbers them
 * (CapabilityTest checks this against the header).
 */
public enum Capability {
    CHOWN, DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER, FSETID, KILL, SETGID, SETUID, SETPCAP, LINUX_IMMUTABLE,
    NET_BIND_SERVICE, NET_BROADCAST, NET_ADMIN, NET_RAW, IPC_LOCK, IPC_OWNER, SYS_MODULE, SYS_RAWIO,
    SYS_CHROOT, SYS_PTRACE, SYS_PACCT, SYS_ADMIN, SYS_BOOT, SYS_NICE, SYS_RESOURCE, SYS_TIME,
    SYS_TTY_CONFIG, MKNOD, LEASE, AUDIT_WRITE, AUDIT_CONTROL, SETFCAP, MAC_OVERRIDE, MAC_ADMIN, SYSLOG,
    WAKE_ALARM, BLOCK_SUSPEND, AUDIT_READ, PERFMON, BPF, CHECKPOINT_RESTORE;

    private static final Capability[] ALL = values();

    public int bit() {
        return ordinal();
    }

    public long mask() {
        return 1L << ordinal();
    }

    /** The name users write and we print: {@code cap_net_raw}. */
    public String label() {
        return "cap_" + name().toLowerCase(Locale.ROOT);
    }

    public static Capability ofBit(int bit) {
        return ALL[bit];
    }

    /** Accepts {@code cap_net_raw}, {@code CAP_NET_RAW} and {@code net_raw}. */
    public static Capability parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("CAP_")) {
            t = t.substring(4);
        }
        for (Capability c : ALL) {
            if (c.name().equals(t)) {
                return c;
            }
        }
        throw new BadInputException("unknown capability '" + Printable.quote(text.trim()) + "'" + NearestName.hint(text.trim(), labels()));
    }

    public static List<String> labels() {
        List<String> names = new ArrayList<>(ALL.length);
        for (Capability c : ALL) {
            names.add(c.label());
        }
        return names;
    }
}
