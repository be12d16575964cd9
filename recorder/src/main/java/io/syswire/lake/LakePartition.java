package io.syswire.lake;

import java.nio.file.Path;

/**
 * One run's part of one table in a lake: {@code DIR/TABLE/host=H/run_id=N/}. A run whose host
 * is not known is filed under {@code host=unknown}.
 */
public record LakePartition(LakeTable table, String host, int runId) {
    public static final String UNKNOWN_HOST = "unknown";
    /** The one file a partition holds, or the first of its parts (raw events of a long run are several). */
    public static final String FILE = "part-00000.parquet";

    /** The name of part {@code n} (from 0): parts hold consecutive ranges of rows, in their order. */
    public static String file(int n) {
        return String.format(java.util.Locale.ROOT, "part-%05d.parquet", n);
    }

    public static LakePartition of(LakeTable table, String host, int runId) {
        return new LakePartition(table, host == null ? UNKNOWN_HOST : host, runId);
    }

    public Path under(Path lake) {
        return lake.resolve(table.dir()).resolve("host=" + host).resolve("run_id=" + runId);
    }

    @Override
    public String toString() {
        return table.dir() + "/host=" + host + "/run_id=" + runId;
    }
}
