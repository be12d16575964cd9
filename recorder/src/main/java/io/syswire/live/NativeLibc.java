package io.syswire.live;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/** The libc calls of the live recorder: mapping the ring buffer and waiting for it. */
interface NativeLibc extends Library {
    int PROT_READ = 1;
    int PROT_WRITE = 2;
    int MAP_SHARED = 1;
    int EPOLL_CTL_ADD = 1;
    int EPOLLIN = 1;
    int EINTR = 4;

    Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

    int munmap(Pointer addr, long length);

    int epoll_create1(int flags);

    /** {@code event} is a packed struct epoll_event: u32 events, u64 data (12 bytes on x86_64). */
    int epoll_ctl(int epfd, int op, int fd, Pointer event);

    int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMs);

    int close(int fd);

    long read(int fd, Pointer buf, long count);

    int getpagesize();

    int vsnprintf(Pointer buf, long size, Pointer format, Pointer vaList);

    String strerror(int errnum);
}
