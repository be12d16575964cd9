package io.syswire.live.proc;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * clock_gettime(2) and sysconf(3) through JNA direct mapping: direct calls cost a fraction of
 * interface-mapped ones, and the cost of a call is the error bar of a clock calibration.
 * Assumes LP64 (x86_64, aarch64), where struct timespec is two 64-bit longs.
 */
final class LibcClocks implements KernelClocks {
    static final LibcClocks INSTANCE = new LibcClocks();

    private static final int CLOCK_REALTIME = 0;
    private static final int CLOCK_BOOTTIME = 7;
    private static final int SC_CLK_TCK = 2;

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    private LibcClocks() {
    }

    private static native int clock_gettime(int clockId, long[] timespec);

    private static native long sysconf(int name);

    @Override
    public long bootNs() {
        return read(CLOCK_BOOTTIME);
    }

    @Override
    public long realNs() {
        return read(CLOCK_REALTIME);
    }

    /** USER_HZ, the unit of /proc/PID/stat times; 100 on every mainstream Linux architecture. */
    static long clockTicksPerSecond() {
        long hz = sysconf(SC_CLK_TCK);
        return hz > 0 ? hz : 100;
    }

    private static long read(int clockId) {
        long[] ts = new long[2];
        if (clock_gettime(clockId, ts) != 0) {
            throw new IllegalStateException("clock_gettime(" + clockId + ") failed: errno " + Native.getLastError());
        }
        return ts[0] * 1_000_000_000L + ts[1];
    }
}
