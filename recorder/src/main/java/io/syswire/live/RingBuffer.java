package io.syswire.live;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The kernel's BPF ring buffer, read directly from Java: the consumer page (the only
 * writable mapping), the producer page, then the data pages mapped twice back to back so a
 * record that wraps is still contiguous. Records are read in place — no native call, no
 * copy, no callback per record — and the consumer position is published with release
 * semantics after each batch, as libbpf's own consumer does.
 */
public final class RingBuffer implements AutoCloseable {
    private static final int BUSY = 1 << 31;
    private static final int DISCARD = 1 << 30;
    private static final int HDR = 8;
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Receives each record in place: {@code data} holds it at [offset, offset + length). */
    @FunctionalInterface
    public interface RecordHandler {
        void record(ByteBuffer data, int offset, int length);
    }

    private final NativeLibc libc;
    private final int page;
    private final long size;
    private final long mask;
    private final Pointer consumerMap;
    private final Pointer producerMap;
    private final ByteBuffer consumer;
    private final ByteBuffer producer;
    private final ByteBuffer data;
    private final int epfd;
    private final Memory events = new Memory(12 * 4);
    private boolean closed;

    public RingBuffer(Natives natives, int ringFd, int size) {
        this.libc = natives.libc();
        this.page = libc.getpagesize();
        this.size = size;
        this.mask = size - 1L;
        consumerMap = map(page, NativeLibc.PROT_READ | NativeLibc.PROT_WRITE, ringFd, 0);
        producerMap = map(page + 2L * size, NativeLibc.PROT_READ, ringFd, page);
        consumer = consumerMap.getByteBuffer(0, page).order(ByteOrder.LITTLE_ENDIAN);
        producer = producerMap.getByteBuffer(0, page).order(ByteOrder.LITTLE_ENDIAN);
        data = producerMap.getByteBuffer(page, 2L * size).order(ByteOrder.LITTLE_ENDIAN);
        epfd = libc.epoll_create1(0);
        Memory ev = new Memory(12);
        ev.setInt(0, NativeLibc.EPOLLIN);
        ev.setLong(4, 0);
        if (epfd < 0 || libc.epoll_ctl(epfd, NativeLibc.EPOLL_CTL_ADD, ringFd, ev) != 0) {
            throw new IllegalStateException("epoll on the ring buffer failed: errno " + Native.getLastError());
        }
    }

    private Pointer map(long length, int prot, int fd, long offset) {
        Pointer p = libc.mmap(null, length, prot, NativeLibc.MAP_SHARED, fd, offset);
        if (p == null || Pointer.nativeValue(p) == -1L) {
            throw new IllegalStateException("cannot map the ring buffer: errno " + Native.getLastError());
        }
        return p;
    }

    /**
     * Waits until the kernel signals pending data or {@code timeoutMs} passes (the kernel
     * only wakes us when enough data is waiting, so callers poll on a timer as well).
     */
    public void await(int timeoutMs) {
        libc.epoll_wait(epfd, events, 4, timeoutMs);
    }

    /** Hands every complete record to the handler; returns how many were consumed. */
    public int drain(RecordHandler handler) {
        return drain(handler, Integer.MAX_VALUE);
    }

    /**
     * Hands up to {@code max} complete records to the handler; returns how many were consumed.
     * A bound lets the caller do its own work between batches while a flood never lets the
     * ring run dry.
     */
    public int drain(RecordHandler handler, int max) {
        long cons = (long) LONGS.get(consumer, 0);
        int n = 0;
        while (n < max) {
            long prod = (long) LONGS.getAcquire(producer, 0);
            if (cons >= prod) {
                break;
            }
            while (cons < prod && n < max) {
                int at = (int) (cons & mask);
                int len = (int) INTS.getAcquire(data, at);
                if ((len & BUSY) != 0) {
                    LONGS.setRelease(consumer, 0, cons);
                    return n; // the producer has not committed it yet
                }
                int bytes = len & ~(BUSY | DISCARD);
                if ((len & DISCARD) == 0) {
                    handler.record(data, at + HDR, bytes);
                    n++;
                }
                cons += (bytes + HDR + 7) & ~7L;
            }
            LONGS.setRelease(consumer, 0, cons);
        }
        return n;
    }

    /** Bytes written by the kernel and not yet consumed. */
    public long pending() {
        return (long) LONGS.getAcquire(producer, 0) - (long) LONGS.get(consumer, 0);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        libc.close(epfd);
        libc.munmap(consumerMap, page);
        libc.munmap(producerMap, page + 2L * size);
    }
}
