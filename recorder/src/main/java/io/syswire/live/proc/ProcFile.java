package io.syswire.live.proc;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Whole-file reads of procfs files, which report a size of 0 and are read until EOF.
 * A plain FileInputStream with a small buffer: half the cost of Files.readAllBytes here,
 * and reads at exec time are the recorder's hot path.
 */
final class ProcFile {
    private ProcFile() {
    }

    /** The file's bytes, or null when it cannot be read (ENOENT, ESRCH: the process went). */
    static byte[] read(Path file) {
        try (FileInputStream in = new FileInputStream(file.toString())) {
            byte[] b = new byte[1024];
            int n = 0;
            for (int r; (r = in.read(b, n, b.length - n)) > 0; ) {
                n += r;
                if (n == b.length) {
                    b = Arrays.copyOf(b, b.length * 2);
                }
            }
            return Arrays.copyOf(b, n);
        } catch (IOException e) {
            return null;
        }
    }
}
