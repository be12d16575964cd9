package io.syswire.cli;

import io.syswire.JavaProcess;
import io.syswire.live.LiveKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recordings appended into one case, each killed with SIGKILL at a random moment of a
 * close(-1) flood. Every time: the case opens, the earlier runs are exactly as they were, and
 * the killed run, once the case is next opened for writing, is marked interrupted with the
 * counts of what it holds; it holds its events up to its last commit, at most a second before
 * the kill, and its events reach that commit within what the kernel's ring could hold. The
 * case ends as compact as a cleanly closed one, and verifies.
 *
 * <p>{@code -Dsyswire.kills=N} (default 4) sets how many recordings are killed.
 */
class KilledMidFloodTest {
    @TempDir
    Path dir;

    /** Records the recorder writes per close(-1) at most (bpf/syswire.h: header, task, nr, args, ret). */
    static final long RING_BYTES = 64L << 20;
    static final long MIN_RECORD_BYTES = 176;

    @Test
    void everyKillLeavesAnOpenableCaseWithEarlierRunsIntactAndTheKilledRunRepaired() throws Exception {
        LiveKernel.require();
        int kills = Integer.getInteger("syswire.kills", 4);
        Random random = new Random(Long.getLong("syswire.kills.seed", System.nanoTime()));
        Path db = dir.resolve("flood.db");
        Map<Integer, String> earlier = new HashMap<>();
        List<Long> killedAt = new ArrayList<>();
        for (int k = 1; k <= kills; k++) {
            long sleep = 2500 + random.nextInt(3500); // 2.5 to 6 s into the flood
            List<String> cmd = new ArrayList<>(JavaProcess.cli());
            cmd.addAll(List.of("record", "--out", db.toString(), "--append", "--ungated",
                    "--capabilities", "cap_net_raw", "--tripwires", "socket", "--context", "close"));
            Process rec = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader err = new BufferedReader(new InputStreamReader(rec.getErrorStream(), StandardCharsets.UTF_8));
            String started = err.readLine();
            assertTrue(String.valueOf(started).startsWith("syswire: recording into "), started);
            Process flood = new ProcessBuilder(LiveKernel.scenario("noise").toString(), "--syscall", "close",
                    "-n", "1000000000").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(sleep);
            long kill = System.currentTimeMillis();
            rec.destroyForcibly().waitFor();
            flood.destroyForcibly().waitFor();
            killedAt.add(kill);

            // the case opens, and the runs before this one are as they were
            Cli runs = Cli.run("shell", db.toString(), "-e", ".mode csv", "-e", "select run_id from runs order by run_id");
            assertEquals(0, runs.status(), runs.err());
            assertEquals(k, runs.out().lines().count() - 1, "one run per recording: " + runs.out());
            for (var e : earlier.entrySet()) {
                assertEquals(e.getValue(), content(db, e.getKey()), "run " + e.getKey() + " after kill " + k);
            }
            if (k > 1) {
                earlier.put(k - 1, content(db, k - 1)); // marked interrupted by this recording's open
            }
        }
        assertEquals(0, Cli.run("replay", db.toString()).status(), "a last open for writing marks the last kill");

        for (int run = 1; run <= kills; run++) {
            Cli row = Cli.run("shell", db.toString(), "-e", ".mode csv", "-e",
                    "select r.status, r.raw_events, r.traces, r.transitions, r.ended_at, r.last_event_ts, r.first_event_ts,"
                            + " (select sum(event_count) from raw_blocks b where b.run_id = r.run_id) as held,"
                            + " (select count(*) from traces t where t.run_id = r.run_id) as trs,"
                            + " (select count(*) from transitions t where t.run_id = r.run_id) as tns"
                            + " from runs r where run_id = " + run);
            String[] f = row.out().lines().toList().get(1).split(",");
            assertEquals("interrupted", f[0], row.out());
            assertEquals(f[7], f[1], "raw_events repaired: " + row.out());
            assertEquals(f[8], f[2], "traces repaired: " + row.out());
            assertEquals(f[9], f[3], "transitions repaired: " + row.out());
            long lastCommit = millis(f[4]);
            long lastEvent = millis(f[5]);
            long seconds = Math.max(1, lastEvent - millis(f[6])) / 1000 + 1;
            double rate = Long.parseLong(f[1]) / (double) seconds;
            long ringLagMillis = (long) (1000.0 * RING_BYTES / MIN_RECORD_BYTES / Math.max(rate, 1)) + 200;
            long kill = killedAt.get(run - 1);
            String figures = "run " + run + ": killed " + (kill - lastEvent) + " ms after its last stored event, "
                    + (kill - lastCommit) + " ms after its last commit; " + f[1] + " events at ~" + (long) rate + "/s";
            System.out.println(figures);
            assertTrue(kill - lastCommit <= 1000, "commits at least once a second: " + figures);
            assertTrue(lastCommit - lastEvent <= ringLagMillis, "events reach a commit within the ring's lag: " + figures);
        }

        Cli verify = Cli.run("verify", db.toString());
        assertEquals(0, verify.status(), verify.out());
        long events = Long.parseLong(Cli.run("shell", db.toString(), "-e", ".mode csv", "-e",
                "select sum(raw_events) from runs where kind = 'live'").out().lines().toList().get(1));
        long bytes = Files.size(db);
        assertTrue(bytes <= Math.max(2_000_000, events * 4), "compact after the repair: " + bytes + " bytes for " + events + " events");
    }

    /** A run's record (but its status and end, which the repair sets), traces and transitions, as text. */
    private static String content(Path db, int run) {
        Cli c = Cli.run("shell", db.toString(), "-e", ".mode csv", "-e",
                "select run_id, kind, config, raw_events, lost_events, traces, transitions, raw_digest, first_event_ts,"
                        + " last_event_ts from runs where run_id = " + run,
                "-e", "select * from traces where run_id = " + run + " order by trace_id",
                "-e", "select * from transitions where run_id = " + run + " order by seq",
                "-e", "select block_no, rawtohex(chain) from raw_blocks where run_id = " + run + " order by block_no");
        assertEquals(0, c.status(), c.err());
        return c.out();
    }

    private static long millis(String ts) {
        return OffsetDateTime.parse(ts).toInstant().toEpochMilli();
    }
}
