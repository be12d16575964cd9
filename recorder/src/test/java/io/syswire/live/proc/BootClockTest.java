package io.syswire.live.proc;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Boot-clock to wall-clock conversion. */
class BootClockTest {
    static final long TRUE_OFFSET = 1_763_000_000_000_000_000L;

    /**
     * Clocks for which each calibration try reads wall, boot, wall, the wall reads landing
     * the scripted {before, after} distances in ns around the true wall time of the boot read.
     */
    static final class ScriptedClocks implements KernelClocks {
        final long[][] around;
        int attempt;
        boolean betweenWallReads;

        ScriptedClocks(long[]... around) {
            this.around = around;
        }

        long bootAt(int n) {
            return 5_000_000_000L + n * 1_000_000L;
        }

        @Override
        public long bootNs() {
            return bootAt(attempt);
        }

        @Override
        public long realNs() {
            long[] d = around[attempt % around.length];
            long truth = bootAt(attempt) + TRUE_OFFSET;
            betweenWallReads = !betweenWallReads;
            if (betweenWallReads) {
                return truth - d[0];
            }
            attempt++;
            return truth + d[1];
        }
    }

    @Test
    void theOffsetComesFromTheReadTripleWithTheSmallestGap() {
        BootClock c = BootClock.calibrate(new ScriptedClocks(
                new long[]{1000, 9000}, new long[]{3, 5}, new long[]{400, 400}, new long[]{70_000, 10}));
        assertEquals(TRUE_OFFSET + 1, c.offsetNs(), "midpoint of the 8 ns triple");
        assertEquals(4, c.uncertaintyNs(), "half its gap");
        assertTrue(Math.abs(c.offsetNs() - TRUE_OFFSET) <= c.uncertaintyNs());
    }

    @Test
    void aTripleAcrossAWallClockStepBackIsIgnored() {
        BootClock c = BootClock.calibrate(new ScriptedClocks(new long[]{1, -1_000_000}, new long[]{50, 50}));
        assertEquals(TRUE_OFFSET, c.offsetNs());
        assertEquals(50, c.uncertaintyNs());
    }

    @Test
    void toWallAddsTheOffsetAndNowBootReadsTheBootClock() {
        ScriptedClocks clocks = new ScriptedClocks(new long[]{0, 0});
        BootClock c = BootClock.calibrate(clocks);
        assertEquals(TRUE_OFFSET + 42, c.toWall(42));
        assertEquals(clocks.bootAt(clocks.attempt), c.nowBoot());
    }

    @Test
    void onThisMachineTheBootClockIsWhatProcUptimeShows() throws IOException {
        BootClock c = BootClock.calibrate();
        long before = c.nowBoot();
        String uptime = Files.readString(Path.of("/proc/uptime")).split(" ")[0];
        long after = c.nowBoot();
        long up = new BigDecimal(uptime).movePointRight(9).longValueExact();
        // /proc/uptime is CLOCK_BOOTTIME cut to hundredths of a second
        assertTrue(up >= before - 10_000_000L && up <= after, before + " <= " + up + " <= " + after);
    }

    @Test
    void onThisMachineBootTimeConvertsToTheWallClockToWithinItsUncertainty() {
        BootClock c = BootClock.calibrate();
        System.out.println("calibrated: " + c);
        assertTrue(c.uncertaintyNs() < 1_000_000L, "a clock read pair takes well under a millisecond: " + c);
        Instant before = Instant.now();
        long wall = c.toWall(c.nowBoot());
        Instant after = Instant.now();
        long lo = before.getEpochSecond() * 1_000_000_000L + before.getNano();
        long hi = after.getEpochSecond() * 1_000_000_000L + after.getNano();
        long slack = c.uncertaintyNs() + 1_000;  // Instant.now() has microsecond resolution
        assertTrue(wall >= lo - slack && wall <= hi + slack, lo + " <= " + wall + " <= " + hi);
    }
}
