package io.syswire.ops;

import io.syswire.event.RawEvent;
import io.syswire.kernel.SyscallTable;
import io.syswire.lake.LakePartition;
import io.syswire.lake.ParquetTableWriter;
import io.syswire.lake.RawEventWriter;
import io.syswire.store.CaseStore;
import io.syswire.store.CaseStore.RawBlockKey;
import io.syswire.store.RawBlockDecoder;
import org.apache.parquet.io.LocalOutputFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes a run's raw events as the part files of its raw_events partition: consecutive ranges of
 * whole blocks, in seq order across {@code part-00000.parquet}, {@code part-00001.parquet}, …,
 * each written by its own worker thread (decode and Parquet encoding are the cost; one thread
 * cannot keep up). The calling thread reads the blocks from the case (one connection) and hands
 * them round-robin to the workers through small bounded queues, so memory stays bounded: per
 * worker two blocks and one row group, the row group shrunk as workers are added.
 */
final class RawEventParts {
    /** Fewer events than this per part are not worth a thread (and keep small runs one file). */
    static final long MIN_EVENTS_PER_PART = 500_000;

    private final CaseStore store;
    private final SyscallTable syscalls;
    private final long minEventsPerPart;
    private final int maxWorkers;

    RawEventParts(CaseStore store, SyscallTable syscalls, long minEventsPerPart, int maxWorkers) {
        this.store = store;
        this.syscalls = syscalls;
        this.minEventsPerPart = minEventsPerPart;
        this.maxWorkers = Math.max(1, maxWorkers);
    }

    /** Blocks of the run split into at most {@code n} consecutive ranges of about equal events. */
    static List<List<RawBlockKey>> ranges(List<RawBlockKey> blocks, long minEventsPerPart, int maxParts) {
        long total = blocks.stream().mapToLong(RawBlockKey::events).sum();
        int n = (int) Math.max(1, Math.min(Math.min(maxParts, blocks.size()), total / Math.max(1, minEventsPerPart)));
        List<List<RawBlockKey>> out = new ArrayList<>();
        List<RawBlockKey> cur = new ArrayList<>();
        long done = 0;
        for (RawBlockKey k : blocks) {
            cur.add(k);
            done += k.events();
            if (out.size() < n - 1 && done >= total * (out.size() + 1) / n) {
                out.add(cur);
                cur = new ArrayList<>();
            }
        }
        if (!cur.isEmpty() || out.isEmpty()) {
            out.add(cur);
        }
        return out;
    }

    /** Writes the parts into {@code dir}; the number of raw events written. */
    long write(int runId, Path dir) throws IOException {
        List<List<RawBlockKey>> parts = ranges(store.rawBlocks(runId), minEventsPerPart, maxWorkers);
        int rowGroup = rowGroupBytes(parts.size());
        if (parts.size() == 1) {
            try (RawEventWriter w = new RawEventWriter(new LocalOutputFile(dir.resolve(LakePartition.file(0))), syscalls, rowGroup)) {
                for (RawBlockKey k : parts.get(0)) {
                    writeBlock(w, k, store.rawBlock(runId, k));
                }
                return w.rows();
            }
        }
        List<BlockingQueue<Object>> queues = new ArrayList<>();
        List<Future<Long>> results = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(parts.size(), r -> {
            Thread t = new Thread(r, "syswire-raw-part");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < parts.size(); i++) {
                BlockingQueue<Object> q = new ArrayBlockingQueue<>(2);
                queues.add(q);
                Path file = dir.resolve(LakePartition.file(i));
                results.add(pool.submit(() -> writePart(file, q, rowGroup)));
            }
            // Round-robin over the parts, block by block, so that every worker has work.
            int longest = parts.stream().mapToInt(List::size).max().orElse(0);
            for (int b = 0; b < longest; b++) {
                for (int i = 0; i < parts.size(); i++) {
                    if (b < parts.get(i).size()) {
                        RawBlockKey k = parts.get(i).get(b);
                        hand(queues.get(i), new Block(k, store.rawBlock(runId, k)), results);
                    }
                }
            }
            for (BlockingQueue<Object> q : queues) {
                hand(q, END, results);
            }
            long rows = 0;
            for (Future<Long> f : results) {
                rows += f.get();
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing raw events", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES); // no writer may still touch the staging directory
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final Object END = new Object();

    private record Block(RawBlockKey key, RawBlockDecoder events) {
    }

    /** Puts into a worker's queue, giving up as soon as a worker has failed (it would never take). */
    private static void hand(BlockingQueue<Object> q, Object item, List<Future<Long>> workers)
            throws InterruptedException, ExecutionException {
        while (!q.offer(item, 50, TimeUnit.MILLISECONDS)) {
            for (Future<Long> f : workers) {
                if (f.isDone()) {
                    f.get(); // throws the worker's failure
                }
            }
        }
    }

    private long writePart(Path file, BlockingQueue<Object> q, int rowGroup) throws IOException, InterruptedException {
        try (RawEventWriter w = new RawEventWriter(new LocalOutputFile(file), syscalls, rowGroup)) {
            for (Object o = q.take(); o != END; o = q.take()) {
                Block b = (Block) o;
                writeBlock(w, b.key(), b.events());
            }
            return w.rows();
        }
    }

    private static void writeBlock(RawEventWriter w, RawBlockKey k, RawBlockDecoder d) throws IOException {
        long seq = k.firstSeq();
        while (d.hasNext()) {
            RawEvent e = d.next();
            w.write(e, seq++);
        }
    }

    /** The whole export's buffered row groups stay within a quarter of the heap and 64 MB each. */
    private static int rowGroupBytes(int workers) {
        long budget = Runtime.getRuntime().maxMemory() / 4 / workers;
        return (int) Math.max(4L << 20, Math.min(ParquetTableWriter.ROW_GROUP_BYTES, budget));
    }
}
