package io.syswire.live;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Whether live tests can load BPF here. With CI=true they must: a machine that cannot is a
 * failure, never a silent skip. Elsewhere (a developer without root) they are skipped, with
 * the reason, and -Dsyswire.live=false skips them on purpose.
 */
public final class LiveKernel {
    private LiveKernel() {
    }

    public static void require() {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        String why = null;
        if ((Preflight.effectiveCapabilities() & (1L << 39)) == 0 && (Preflight.effectiveCapabilities() & (1L << 21)) == 0) {
            why = "not running with CAP_BPF or CAP_SYS_ADMIN (run the tests as root)";
        } else if (!Files.isReadable(Path.of("/sys/kernel/btf/vmlinux"))) {
            why = "the kernel has no BTF";
        } else if (!ci && "false".equals(System.getProperty("syswire.live"))) {
            why = "-Dsyswire.live=false";
        }
        if (why != null) {
            if (ci) {
                fail("CI=true and live eBPF tests cannot run: " + why);
            }
            Assumptions.abort("live eBPF test skipped: " + why);
        }
    }

    /** A scenario program built from samples/scenarios for the tests. */
    public static Path scenario(String name) {
        Path p = Path.of(System.getProperty("syswire.scenarios", "target/scenarios"), name);
        if (!Files.isExecutable(p)) {
            fail("scenario program " + p + " is not built (make -C samples/scenarios)");
        }
        return p;
    }
}
