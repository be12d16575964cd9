package io.syswire.live;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The few libbpf 1.x calls the recorder makes (Debian 12's libbpf1), bound with JNA. Only
 * set-up and tear-down go through here; records are read from the mapped ring buffer
 * without native calls (see {@link RingBuffer}).
 */
interface NativeLibbpf extends Library {
    Pointer bpf_object__open_mem(Pointer objBuf, long objBufSize, Pointer opts);

    int bpf_object__load(Pointer obj);

    void bpf_object__close(Pointer obj);

    Pointer bpf_object__find_map_by_name(Pointer obj, String name);

    int bpf_map__set_max_entries(Pointer map, int maxEntries);

    int bpf_map__fd(Pointer map);

    Pointer bpf_object__find_program_by_name(Pointer obj, String name);

    Pointer bpf_program__attach_tracepoint(Pointer prog, String category, String name);

    Pointer bpf_program__attach(Pointer prog);

    int bpf_link__destroy(Pointer link);

    Pointer bpf_program__attach_iter(Pointer prog, Pointer opts);

    int bpf_link__fd(Pointer link);

    int bpf_iter_create(int linkFd);

    int bpf_map_update_elem(int fd, Pointer key, Pointer value, long flags);

    int bpf_map_lookup_elem(int fd, Pointer key, Pointer value);

    int libbpf_num_possible_cpus();

    /** libbpf's print hook: {@code int (*)(enum libbpf_print_level, const char *fmt, va_list)}. */
    interface PrintFn extends Callback {
        int invoke(int level, Pointer format, Pointer vaList);
    }

    Pointer libbpf_set_print(PrintFn fn);
}
