package io.syswire.bench;

import io.syswire.live.LiveKernel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The soak benchmark's one-minute version (CI=true, or -Dsyswire.soak=true): twelve thousand
 * short-lived processes, six hundred of them tripping the wire, into one live recording. What
 * must hold at any length: nothing dropped at this rate, every tripwire traced, the catalog
 * holding only the living, and a case that verifies. Its figures are printed, not asserted.
 */
class SoakTest {
    @Test
    void aMinuteOfProcessChurnIsRecordedWithoutLossAndTheCaseVerifies() throws Exception {
        Assumptions.assumeTrue("true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("syswire.soak"),
                "the soak test runs under CI=true or -Dsyswire.soak=true");
        LiveKernel.require();
        SoakBench bench = new SoakBench();
        bench.minutes = 1;
        bench.rate = 200;
        bench.tripEvery = 20;
        bench.sampleSeconds = 15;
        bench.scenarios = LiveKernel.scenario("churn").getParent();
        StringWriter text = new StringWriter();
        SoakBench.Result r = bench.soak(new PrintWriter(text, true));
        System.out.print(text);

        assertEquals(12_000, r.spawned(), text.toString());
        assertEquals(600, r.tripped());
        assertEquals(0, r.dropped(), "nothing dropped at 200 processes a second");
        assertEquals(0, r.lost());
        assertTrue(r.traces() >= r.tripped(), "every raw ping is traced (other processes on the machine may add more): " + r);
        assertTrue(r.catalogAtEnd() < 1_000, "exited processes leave the catalog: " + r.catalogAtEnd() + " of 12,000 remain");
        assertTrue(r.verified(), text.toString());
        assertFalse(Files.exists(r.file()), "the benchmark's case is removed");
        assertTrue(text.toString().contains("\ncase: "), text.toString());
    }
}
