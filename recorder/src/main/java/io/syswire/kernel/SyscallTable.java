package io.syswire.kernel;

import io.syswire.BadInputException;
import io.syswire.store.Printable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every x86_64 syscall: number, name, parameters. Loaded from the table that
 * scripts/gen-syscall-table generates from the kernel's own metadata; the table
 * is a committed resource so that builds do not depend on the running kernel.
 */
public final class SyscallTable {
    public static final int MAX_NR = 512;
    private static final String RESOURCE = "syscalls-x86_64.tsv";

    private final Syscall[] byNr = new Syscall[MAX_NR];
    private final Map<String, Syscall> byName = new HashMap<>();
    private final List<Syscall> all;

    private SyscallTable(List<Syscall> syscalls) {
        for (Syscall s : syscalls) {
            byNr[s.nr()] = s;
            byName.put(s.name(), s);
        }
        all = Collections.unmodifiableList(syscalls);
    }

    private static final class Holder {
        static final SyscallTable X86_64 = load();
    }

    /** The bundled table (immutable, loaded once). */
    public static SyscallTable x86_64() {
        return Holder.X86_64;
    }

    private static SyscallTable load() {
        try (InputStream in = SyscallTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("syscall table resource " + RESOURCE + " is missing from the build");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SyscallTable parse(BufferedReader reader) throws IOException {
        List<Syscall> list = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            int nr = Integer.parseInt(cols[0]);
            String params = cols.length > 2 ? cols[2] : "";
            boolean known = !params.equals("?");
            String tracepoint = cols.length > 3 && !cols[3].isEmpty() ? cols[3] : null;
            list.add(new Syscall(nr, cols[1], known ? parseParams(params) : List.of(), known, tracepoint));
        }
        return new SyscallTable(list);
    }

    /** "const char * filename, int flags" -> (const char *, filename), (int, flags). */
    static List<Syscall.Param> parseParams(String params) {
        List<Syscall.Param> out = new ArrayList<>();
        if (params.isBlank()) {
            return out;
        }
        for (String p : params.split(", ")) {
            int cut = Math.max(p.lastIndexOf(' '), p.lastIndexOf('*'));
            out.add(new Syscall.Param(p.substring(0, cut + 1).trim(), p.substring(cut + 1)));
        }
        return out;
    }

    public Syscall byNr(int nr) {
        return nr >= 0 && nr < MAX_NR ? byNr[nr] : null;
    }

    /** The syscall's name, or {@code syscall_<nr>} for a number the table does not know. */
    public String nameOf(int nr) {
        Syscall s = byNr(nr);
        return s != null ? s.name() : "syscall_" + nr;
    }

    /** Resolves a user-given name ({@code socket}, {@code SOCKET}, {@code sys_socket}); bad names suggest the nearest. */
    public Syscall byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        Syscall s = byName.get(n);
        if (s == null && n.startsWith("sys_")) {
            s = byName.get(n.substring(4));
        }
        if (s == null) {
            throw new BadInputException("unknown syscall '" + Printable.quote(name.trim()) + "'" + NearestName.hint(n, byName.keySet()));
        }
        return s;
    }

    public Syscall find(String name) {
        return byName.get(name.toLowerCase(Locale.ROOT));
    }

    public Collection<Syscall> all() {
        return all;
    }

    public Collection<String> names() {
        return Collections.unmodifiableCollection(byName.keySet());
    }
}
