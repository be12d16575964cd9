package io.syswire.live;

import io.syswire.event.LostEvent;
import io.syswire.event.RawEvent;
import io.syswire.event.TickEvent;
import io.syswire.kernel.SyscallTable;
import io.syswire.pipeline.RawEventHandler;
import io.syswire.pipeline.RunSummary;
import io.syswire.pipeline.Source;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * The live kernel as a {@link Source}: records come out of the ring buffer, are decoded,
 * completed with process metadata, put back in time order, and handed on, with idle ticks
 * so that sweeps happen on time in the recording and in every replay of it. Recording has
 * begun when {@link #start} returns; {@link #drain} runs until {@link #stop} (any thread),
 * the duration passes, or the handler fails.
 */
public final class LiveSource implements Source {
    /** How long records are held to be put in time order. */
    static final long WINDOW_NANOS = 50_000_000L;
    private static final int POLL_MS = 20;
    /** Records taken from the ring per turn, between which the window is released and ticks made. */
    private static final int BATCH = 8192;
    /**
     * Events per hand-over between the consumer thread and the pipeline, and batches in flight:
     * 64 Ki events, about 65 ms of a flood. Whatever is in flight is lost if the recorder is
     * killed, so the queue is kept short; the kernel's ring absorbs the writer's pauses.
     */
    private static final int HANDOFF_BATCH = 1024;
    private static final int HANDOFF_DEPTH = 64;
    private static final RawEvent[] END = new RawEvent[0];
    private static final long MONITOR_EVERY_NANOS = 250_000_000L;

    /** What the recorder has done so far, for a status line. */
    public record Progress(long elapsedNanos, long records, long events, long lost, long pendingBytes) {
    }

    private final KernelProgram kernel;
    private final RingBuffer ring;
    private final RecordDecoder decoder;
    private final ProcessTracker tracker;
    private final ReorderWindow window = new ReorderWindow();
    private final LongSupplier nowWall;
    private final long tickNanos;
    private final long durationNanos;
    private final long startNanos = System.nanoTime();
    private volatile boolean stopping;
    private volatile boolean abandoned;
    private volatile Progress progress = new Progress(0, 0, 0, 0, 0);
    private volatile int processesKnown;
    private Consumer<Progress> monitor = p -> { };
    // written by the consumer thread only; others read them through progress
    private long records;
    private long events;
    private long lostReported;
    private RunSummary.KernelCounters counters;
    private boolean closed;

    private LiveSource(KernelProgram kernel, RingBuffer ring, RecordDecoder decoder, ProcessTracker tracker,
                       LongSupplier nowWall, LiveOptions options) {
        this.kernel = kernel;
        this.ring = ring;
        this.decoder = decoder;
        this.tracker = tracker;
        this.nowWall = nowWall;
        this.tickNanos = options.tickInterval().toNanos();
        this.durationNanos = options.duration() == null ? Long.MAX_VALUE : options.duration().toNanos();
    }

    /**
     * Whether this machine can record (privileges, BTF, tracefs), before anything is created
     * or loaded; throws {@link LiveUnavailableException} saying what to do.
     *
     * @return what the recording will lack although it can run (one line each, for the user)
     */
    public static List<String> checkMachine() {
        List<String> degraded = Preflight.check();
        Natives.load();
        return degraded;
    }

    /** Loads and attaches the kernel program, on this machine's clock and /proc. */
    public static LiveSource start(LiveOptions options, SyscallTable table, LiveEnvironment env) {
        return start(options, table, env.processLookup(), env::toWall, env::nowWall);
    }

    /**
     * Loads and attaches the kernel program. The recorder's own pid is excluded in the kernel.
     *
     * @param toWall  boot-time nanoseconds (the kernel's clock) to wall-clock epoch nanoseconds
     * @param nowWall the current wall-clock time in epoch nanoseconds, on the same clock
     */
    public static LiveSource start(LiveOptions options, SyscallTable table, ProcessLookup lookup,
                                   LongUnaryOperator toWall, LongSupplier nowWall) {
        Preflight.check();
        Natives natives = Natives.load();
        KernelProgram kernel = KernelProgram.load(natives, options.ringBytes());
        try {
            RingBuffer ring = new RingBuffer(natives, kernel.ringFd(), kernel.ringSize());
            KernelSettings.apply(kernel, options, table, (int) ProcessHandle.current().pid());
            // after the lifecycle programs are attached: a process started later has a fork record
            Map<Integer, Long> aliveAtStart = new HashMap<>();
            kernel.taskStarts().forEach((pid, bootStart) -> aliveAtStart.put(pid, toWall.applyAsLong(bootStart)));
            return new LiveSource(kernel, ring, new RecordDecoder(table, toWall),
                    new ProcessTracker(lookup, aliveAtStart), nowWall, options);
        } catch (RuntimeException e) {
            kernel.close();
            throw e;
        }
    }

    /** Processes whose /proc metadata the source has read and still remembers (for the soak benchmark). */
    public int processesKnown() {
        return processesKnown;
    }

    /** Called about four times a second on the thread that runs {@link #drain}. */
    public void onProgress(Consumer<Progress> monitor) {
        this.monitor = monitor;
    }

    /** Asks the recording to end: safe from any thread (a signal handler). */
    public void stop() {
        stopping = true;
    }

    /**
     * Runs the recording: a consumer thread takes records out of the ring, decodes them,
     * reads /proc for new processes while they are still there, puts records in time order
     * and makes ticks; this thread hands the resulting events to {@code handler} (the state
     * machine and the case writer), so a slow sink never delays reading the ring or /proc.
     * Between the two a bounded queue: when the sink cannot keep up, the ring fills and the
     * kernel counts what it drops, as it must.
     */
    @Override
    public void drain(RawEventHandler handler) throws IOException {
        BlockingQueue<RawEvent[]> handoff = new ArrayBlockingQueue<>(HANDOFF_DEPTH);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            try {
                consume(handoff);
            } catch (Throwable t) {
                failed.set(t);
            } finally {
                hand(handoff, END);
            }
        }, "syswire-ring-consumer");
        consumer.setDaemon(true);
        consumer.start();
        try {
            long lastMonitor = System.nanoTime();
            while (true) {
                RawEvent[] batch = handoff.poll(MONITOR_EVERY_NANOS, TimeUnit.NANOSECONDS);
                if (batch == END) {
                    break;
                }
                if (batch != null) {
                    for (RawEvent e : batch) {
                        handler.accept(e);
                    }
                }
                long now = System.nanoTime();
                if (now - lastMonitor >= MONITOR_EVERY_NANOS) {
                    lastMonitor = now;
                    monitor.accept(progress);
                }
            }
            consumer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("recording interrupted");
        } finally {
            if (consumer.isAlive()) {
                // the sink failed: stop the consumer and let it drop what it was handing over
                stopping = true;
                abandoned = true;
                try {
                    consumer.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        Throwable t = failed.get();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IOException(t);
        }
        monitor.accept(progress);
    }

    /** The consumer thread's loop, until stopped, the duration has passed, or the sink gave up. */
    private void consume(BlockingQueue<RawEvent[]> handoff) {
        Batch batch = new Batch();
        long[] lastEventTs = {Long.MIN_VALUE};
        Consumer<RawEvent> emit = e -> {
            if (e.ts() > lastEventTs[0]) {
                lastEventTs[0] = e.ts();
            }
            events++;
            batch.events[batch.size++] = e;
            if (batch.size == HANDOFF_BATCH) {
                flush(batch, handoff);
            }
        };
        Consumer<RawEvent> ordered = e -> window.add(e, emit);
        RingBuffer.RecordHandler onRecord = (buf, off, len) -> {
            records++;
            RecordDecoder.Decoded d = decoder.decode(buf, off, len);
            if (d.lostBefore() > 0) {
                lostReported += d.lostBefore();
                ordered.accept(new LostEvent(d.event().ts(), d.lostBefore()));
            }
            tracker.accept(d.event(), d.mntNs(), d.cgroupId(), ordered);
        };
        while (!stopping && System.nanoTime() - startNanos < durationNanos) {
            int taken = ring.drain(onRecord, BATCH);
            long watermark = nowWall.getAsLong() - WINDOW_NANOS;
            window.release(watermark, emit);
            if (window.held() == 0 && watermark - lastEventTs[0] >= tickNanos) {
                emit.accept(new TickEvent(watermark));
            }
            flush(batch, handoff);
            progress = new Progress(System.nanoTime() - startNanos, records, events, lostReported, ring.pending());
            processesKnown = tracker.knownProcesses();
            if (taken < BATCH) {
                ring.await(POLL_MS); // caught up: sleep until the kernel has more, or the timer
            }
        }
        if (abandoned) {
            return;
        }
        // Stop: no new records, take everything already submitted, put it in order, and
        // end with a tick at the stop time so that sweeps due by then run in replays too.
        kernel.detach();
        ring.drain(onRecord);
        window.releaseAll(emit);
        long[] c = kernel.counters();
        long unreported = c[RecordLayout.CNT_DROPPED] - lostReported;
        long end = Math.max(nowWall.getAsLong(), lastEventTs[0]);
        if (unreported > 0) {
            lostReported += unreported;
            emit.accept(new LostEvent(end, unreported));
        }
        emit.accept(new TickEvent(end));
        flush(batch, handoff);
        counters = new RunSummary.KernelCounters(c[RecordLayout.CNT_SEEN], c[RecordLayout.CNT_FORWARDED],
                c[RecordLayout.CNT_DROPPED], c[RecordLayout.CNT_STR_FAIL]);
        progress = new Progress(System.nanoTime() - startNanos, records, events, lostReported, ring.pending());
    }

    private void flush(Batch batch, BlockingQueue<RawEvent[]> handoff) {
        if (batch.size > 0) {
            hand(handoff, batch.size == HANDOFF_BATCH ? batch.events : Arrays.copyOf(batch.events, batch.size));
            batch.events = new RawEvent[HANDOFF_BATCH];
            batch.size = 0;
        }
    }

    /** The events the consumer collects for one hand-over: a full array is handed over as it is. */
    private static final class Batch {
        RawEvent[] events = new RawEvent[HANDOFF_BATCH];
        int size;
    }

    /** Blocks while the sink is behind (the ring absorbs it), unless the sink has given up. */
    private void hand(BlockingQueue<RawEvent[]> handoff, RawEvent[] batch) {
        try {
            while (!handoff.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                if (abandoned) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The latest progress the consumer published. */
    public Progress progress() {
        return progress;
    }

    @Override
    public RunSummary.KernelCounters kernelCounters() {
        return counters;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        kernel.detach();
        ring.close();
        kernel.close();
    }
}
