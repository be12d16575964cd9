package io.syswire.kernel;

import io.syswire.BadInputException;
import io.syswire.store.Printable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An immutable set of syscalls, a bit per syscall number: membership is one load and a mask. */
public final class SyscallSet {
    public static final SyscallSet EMPTY = new SyscallSet(new long[SyscallTable.MAX_NR / 64], new int[0]);

    private final long[] bits;
    private final int[] members;

    private SyscallSet(long[] bits, int[] members) {
        this.bits = bits;
        this.members = members;
    }

    public static SyscallSet of(int... nrs) {
        long[] bits = new long[SyscallTable.MAX_NR / 64];
        for (int nr : nrs) {
            bits[nr >>> 6] |= 1L << nr;
        }
        return fromBits(bits);
    }

    private static SyscallSet fromBits(long[] bits) {
        int[] members = new int[Arrays.stream(bits).mapToInt(Long::bitCount).sum()];
        int k = 0;
        for (int nr = 0; nr < SyscallTable.MAX_NR; nr++) {
            if ((bits[nr >>> 6] & (1L << nr)) != 0) {
                members[k++] = nr;
            }
        }
        return new SyscallSet(bits, members);
    }

    /** Parses {@code sendto+close}; an empty string is the empty set. */
    public static SyscallSet parse(String plusSeparated, SyscallTable table) {
        if (plusSeparated.isBlank()) {
            return EMPTY;
        }
        List<Integer> nrs = new ArrayList<>();
        for (String part : plusSeparated.split("\\+", -1)) {
            if (part.isBlank()) {
                throw new BadInputException("empty syscall name in '" + Printable.quote(plusSeparated) + "'");
            }
            nrs.add(table.byName(part).nr());
        }
        return of(nrs.stream().mapToInt(Integer::intValue).toArray());
    }

    public static SyscallSet all(SyscallTable table) {
        return of(table.all().stream().mapToInt(Syscall::nr).toArray());
    }

    /** The members the kernel has a tracepoint for: what {@code --capture all} can attach to. */
    public SyscallSet withTracepoints(SyscallTable table) {
        return of(java.util.Arrays.stream(members).filter(nr -> table.byNr(nr) != null && table.byNr(nr).tracepoint() != null).toArray());
    }

    public boolean contains(int nr) {
        return nr >= 0 && nr < SyscallTable.MAX_NR && (bits[nr >>> 6] & (1L << nr)) != 0;
    }

    public SyscallSet union(SyscallSet other) {
        long[] u = bits.clone();
        for (int i = 0; i < u.length; i++) {
            u[i] |= other.bits[i];
        }
        return fromBits(u);
    }

    public boolean isEmpty() {
        return members.length == 0;
    }

    public int size() {
        return members.length;
    }

    public int[] numbers() {
        return members.clone();
    }

    public String format(SyscallTable table) {
        List<String> names = new ArrayList<>();
        for (int nr : members) {
            names.add(table.nameOf(nr));
        }
        return String.join("+", names);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyscallSet s && Arrays.equals(bits, s.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }
}
