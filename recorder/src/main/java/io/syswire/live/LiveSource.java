package io.syswire.live;

import io.syswire.event.LostEvent;
import io.syswire.event.RawEvent;
import io.syswire.event.TickEvent;
import io.syswire.kernel.SyscallTable;
import io.syswire.pipeline.RawEventHandler;
import io.syswire.pipeline.RunSummary;
import io.syswire.pipeline.Source;

import java.io.IOException;
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
    private Consumer<Progress> monitor = p -> { };
    private long records;
    private long events;
    private long lostReported;
    private long lastEventTs = Long.MIN_VALUE;
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
     */
    public static void checkMachine() {
        Preflight.check();
        Natives.load();
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
            return new LiveSource(kernel, ring, new RecordDecoder(table, toWall), new ProcessTracker(lookup), nowWall, options);
        } catch (RuntimeException e) {
            kernel.close();
            throw e;
        }
    }

    /** Called about four times a second on the recording thread. */
    public void onProgress(Consumer<Progress> monitor) {
        this.monitor = monitor;
    }

    /** Asks the recording to end: safe from any thread (a signal handler). */
    public void stop() {
        stopping = true;
    }

    @Override
    public void drain(RawEventHandler handler) throws IOException {
        Consumer<RawEvent> emit = e -> {
            if (e.ts() > lastEventTs) {
                lastEventTs = e.ts();
            }
            events++;
            handler.accept(e);
        };
        Consumer<RawEvent> ordered = e -> window.add(e, emit);
        RingBuffer.RecordHandler onRecord = (buf, off, len) -> {
            records++;
            RecordDecoder.Decoded d = decoder.decode(buf, off, len);
            if (d.lostBefore() > 0) {
                lostReported += d.lostBefore();
                ordered.accept(new LostEvent(d.event().ts(), d.lostBefore()));
            }
            tracker.accept(d.event(), ordered);
        };
        long lastMonitor = System.nanoTime();
        while (!stopping && System.nanoTime() - startNanos < durationNanos) {
            int taken = ring.drain(onRecord, BATCH);
            long watermark = nowWall.getAsLong() - WINDOW_NANOS;
            window.release(watermark, emit);
            if (window.held() == 0 && watermark - lastEventTs >= tickNanos) {
                emit.accept(new TickEvent(watermark));
            }
            long now = System.nanoTime();
            if (now - lastMonitor >= MONITOR_EVERY_NANOS) {
                lastMonitor = now;
                monitor.accept(progress());
            }
            if (taken < BATCH) {
                ring.await(POLL_MS); // caught up: sleep until the kernel has more, or the timer
            }
        }
        // Stop: no new records, take everything already submitted, put it in order, and
        // end with a tick at the stop time so that sweeps due by then run in replays too.
        kernel.detach();
        ring.drain(onRecord);
        window.releaseAll(emit);
        long[] c = kernel.counters();
        long unreported = c[RecordLayout.CNT_DROPPED] - lostReported;
        long end = Math.max(nowWall.getAsLong(), lastEventTs);
        if (unreported > 0) {
            lostReported += unreported;
            emit.accept(new LostEvent(end, unreported));
        }
        emit.accept(new TickEvent(end));
        counters = new RunSummary.KernelCounters(c[RecordLayout.CNT_SEEN], c[RecordLayout.CNT_FORWARDED],
                c[RecordLayout.CNT_DROPPED], c[RecordLayout.CNT_STR_FAIL]);
        monitor.accept(progress());
    }

    public Progress progress() {
        return new Progress(System.nanoTime() - startNanos, records, events, lostReported, ring.pending());
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
