package io.syswire.live;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * syswire.bpf.o loaded into the kernel through libbpf: its maps filled, its programs
 * attached, its counters read, and everything detached again on close. One per recording.
 */
public final class KernelProgram implements AutoCloseable {
    private static final String OBJECT = "/io/syswire/bpf/syswire.bpf.o";

    private final Natives natives;
    private final NativeLibbpf bpf;
    private final Memory objectBytes; // libbpf may refer to the ELF image until load: keep it alive
    private final Pointer obj;
    private final int ringFd;
    private final int ringSize;
    private final List<Pointer> enterLinks = new ArrayList<>();
    private final List<Pointer> exitLinks = new ArrayList<>();
    private final List<Pointer> lifecycleLinks = new ArrayList<>();
    private final LibbpfLog log; // libbpf calls it: a strong reference keeps JNA from freeing the callback
    private boolean closed;

    private KernelProgram(Natives natives, Memory objectBytes, Pointer obj, int ringFd, int ringSize, LibbpfLog log) {
        this.natives = natives;
        this.bpf = natives.bpf();
        this.objectBytes = objectBytes;
        this.obj = obj;
        this.ringFd = ringFd;
        this.ringSize = ringSize;
        this.log = log;
    }

    /** libbpf's messages, kept (the last few) for error reports; the callback must stay reachable. */
    static final class LibbpfLog implements NativeLibbpf.PrintFn {
        private final NativeLibc libc;
        private final Deque<String> lines = new ArrayDeque<>();
        private final Memory buf = new Memory(4096);

        LibbpfLog(NativeLibc libc) {
            this.libc = libc;
        }

        @Override
        public synchronized int invoke(int level, Pointer format, Pointer vaList) {
            int n = libc.vsnprintf(buf, buf.size(), format, vaList);
            if (n > 0) {
                for (String l : buf.getString(0, "UTF-8").split("\n")) {
                    if (!l.isBlank()) {
                        lines.addLast(l.strip());
                        if (lines.size() > 40) {
                            lines.removeFirst();
                        }
                    }
                }
            }
            return 0;
        }

        synchronized String last(int n) {
            List<String> all = new ArrayList<>(lines);
            return String.join(" | ", all.subList(Math.max(0, all.size() - n), all.size()));
        }
    }

    /**
     * Opens and loads the bundled object with a ring buffer of {@code ringSize} bytes (a power
     * of two, a multiple of the page size).
     */
    public static KernelProgram load(Natives natives, int ringSize) {
        NativeLibbpf bpf = natives.bpf();
        LibbpfLog log = new LibbpfLog(natives.libc());
        bpf.libbpf_set_print(log);
        Memory image = objectImage();
        Pointer obj = bpf.bpf_object__open_mem(image, image.size(), null);
        if (obj == null) {
            throw new LiveUnavailableException("libbpf cannot open the kernel program (" + natives.errno() + "): " + log.last(3));
        }
        Pointer events = bpf.bpf_object__find_map_by_name(obj, "events");
        int err = bpf.bpf_map__set_max_entries(events, ringSize);
        if (err != 0) {
            bpf.bpf_object__close(obj);
            throw new IllegalArgumentException("ring buffer size " + ringSize + " refused: " + natives.strerror(-err));
        }
        err = bpf.bpf_object__load(obj);
        if (err != 0) {
            String why = log.last(6);
            bpf.bpf_object__close(obj);
            throw new LiveUnavailableException("the kernel refused syswire's eBPF program (" + natives.strerror(-err)
                    + "): " + why);
        }
        return new KernelProgram(natives, image, obj, bpf.bpf_map__fd(events), ringSize, log);
    }

    private static Memory objectImage() {
        try (InputStream in = KernelProgram.class.getResourceAsStream(OBJECT)) {
            if (in == null) {
                throw new IllegalStateException(OBJECT + " is missing from the build");
            }
            byte[] b = in.readAllBytes();
            Memory m = new Memory(b.length);
            m.write(0, b, 0, b.length);
            return m;
        } catch (IOException e) {
            throw new IllegalStateException("reading " + OBJECT, e);
        }
    }

    public int ringFd() {
        return ringFd;
    }

    public int ringSize() {
        return ringSize;
    }

    /** Writes {@code value} under the int key {@code key} of an array or hash map. */
    public void put(String map, int key, byte[] value) {
        Memory k = new Memory(4);
        k.setInt(0, key);
        put(map, k, value);
    }

    public void put(String map, byte[] key, byte[] value) {
        Memory k = new Memory(key.length);
        k.write(0, key, 0, key.length);
        put(map, k, value);
    }

    private void put(String map, Memory key, byte[] value) {
        Memory v = new Memory(value.length);
        v.write(0, value, 0, value.length);
        int err = bpf.bpf_map_update_elem(fd(map), key, v, 0);
        if (err != 0) {
            throw new IllegalStateException("updating map " + map + ": error " + err);
        }
    }

    private int fd(String map) {
        Pointer m = bpf.bpf_object__find_map_by_name(obj, map);
        if (m == null) {
            throw new IllegalStateException("the kernel program has no map " + map);
        }
        return bpf.bpf_map__fd(m);
    }

    /**
     * Attaches the syscall programs to {@code syscalls/sys_exit_<tp>} for every tracepoint
     * first, then to {@code sys_enter_<tp>}: an entry saved before its exit program is attached
     * would linger.
     */
    public void attachSyscalls(List<String> tracepoints) {
        Pointer enter = program("sys_enter");
        Pointer exit = program("sys_exit");
        for (String tp : tracepoints) {
            exitLinks.add(attach(exit, "sys_exit_" + tp));
        }
        for (String tp : tracepoints) {
            enterLinks.add(attach(enter, "sys_enter_" + tp));
        }
    }

    private Pointer attach(Pointer prog, String tracepoint) {
        Pointer link = bpf.bpf_program__attach_tracepoint(prog, "syscalls", tracepoint);
        if (link == null) {
            int errno = Native.getLastError();
            throw new LiveUnavailableException("cannot attach to tracepoint syscalls/" + tracepoint + " ("
                    + Natives.describe(errno) + ")" + (errno == 2 ? ": is tracefs mounted on /sys/kernel/tracing?" : ""));
        }
        return link;
    }

    /** Fork, exec and exit of every process (in scope): not gated. */
    public void attachLifecycle() {
        for (String name : List.of("proc_fork", "proc_exec", "proc_exit")) {
            Pointer link = bpf.bpf_program__attach(program(name));
            if (link == null) {
                throw new LiveUnavailableException("cannot attach " + name + " (" + Natives.describe(Native.getLastError()) + ")");
            }
            lifecycleLinks.add(link);
        }
    }

    private Pointer program(String name) {
        Pointer p = bpf.bpf_object__find_program_by_name(obj, name);
        if (p == null) {
            throw new IllegalStateException("the kernel program has no program " + name);
        }
        return p;
    }

    /** Stops new records: detaches entries first so no syscall starts being recorded, then the rest. */
    public void detach() {
        for (List<Pointer> links : List.of(enterLinks, lifecycleLinks, exitLinks)) {
            for (Pointer l : links) {
                bpf.bpf_link__destroy(l);
            }
            links.clear();
        }
    }

    /** The per-CPU counters, summed over CPUs, indexed by RecordLayout.CNT_*. */
    public long[] counters() {
        int cpus = bpf.libbpf_num_possible_cpus();
        int fd = fd("counters");
        long[] out = new long[RecordLayout.CNT_MAX];
        Memory k = new Memory(4);
        Memory v = new Memory(8L * cpus);
        for (int i = 0; i < RecordLayout.CNT_MAX; i++) {
            k.setInt(0, i);
            if (bpf.bpf_map_lookup_elem(fd, k, v) == 0) {
                for (int c = 0; c < cpus; c++) {
                    out[i] += v.getLong(8L * c);
                }
            }
        }
        return out;
    }

    /**
     * Every process alive now, tgid to start time (boot-time ns), from the task iterator:
     * the nanosecond start times /proc cannot give (it counts ticks).
     */
    public Map<Integer, Long> taskStarts() {
        Pointer link = bpf.bpf_program__attach_iter(program("task_starts"), null);
        if (link == null) {
            throw new LiveUnavailableException("cannot attach task_starts (" + Natives.describe(Native.getLastError()) + ")");
        }
        Map<Integer, Long> starts = new HashMap<>();
        try {
            int fd = bpf.bpf_iter_create(bpf.bpf_link__fd(link));
            if (fd < 0) {
                throw new LiveUnavailableException("cannot read task_starts (" + Natives.describe(-fd) + ")");
            }
            try {
                int size = RecordLayout.TASK_START_SIZE;
                Memory buf = new Memory(size * 512L);
                for (long n; (n = natives.libc().read(fd, buf, buf.size())) != 0; ) {
                    if (n < 0) {
                        throw new LiveUnavailableException("cannot read task_starts (" + natives.errno() + ")");
                    }
                    // the iterator writes whole records per read: a partial one would be a kernel bug
                    for (long at = 0; at + size <= n; at += size) {
                        starts.put(buf.getInt(at + RecordLayout.TS_TGID), buf.getLong(at + RecordLayout.TS_START_TIME));
                    }
                }
            } finally {
                natives.libc().close(fd);
            }
        } finally {
            bpf.bpf_link__destroy(link);
        }
        return starts;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        detach();
        bpf.bpf_object__close(obj);
        objectBytes.close();
    }
}
