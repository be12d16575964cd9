package io.syswire.live.proc;

/**
 * The two kernel clocks a {@link BootClock} relates. An interface so that calibration can
 * be specified with clocks a test controls; {@link #libc()} gives the real ones.
 */
public interface KernelClocks {
    /** CLOCK_BOOTTIME: nanoseconds since boot, suspend included; what BPF's bpf_ktime_get_boot_ns and task start_boottime use. */
    long bootNs();

    /** CLOCK_REALTIME: nanoseconds since the Unix epoch. */
    long realNs();

    static KernelClocks libc() {
        return LibcClocks.INSTANCE;
    }
}
