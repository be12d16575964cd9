package io.syswire.kernel;

import io.syswire.BadInputException;
import io.syswire.store.Printable;

import java.util.ArrayList;
import java.util.List;

/** A set of capabilities as the kernel holds it: a bit mask. */
public record CapabilitySet(long mask) {
    public static final CapabilitySet EMPTY = new CapabilitySet(0);

    /** Parses {@code cap_net_raw+cap_sys_ptrace}. */
    public static CapabilitySet parse(String plusSeparated) {
        long mask = 0;
        for (String part : plusSeparated.split("\\+", -1)) {
            if (part.isBlank()) {
                throw new BadInputException("empty capability name in '" + Printable.quote(plusSeparated) + "'");
            }
            mask |= Capability.parse(part).mask();
        }
        return new CapabilitySet(mask);
    }

    /** Parses a 16-hex-digit mask as in /proc/PID/status ({@code 000001ffffffffff}). */
    public static long parseHex(String hex) {
        if (hex.isEmpty() || hex.length() > 16) {
            throw new BadInputException("capability mask '" + Printable.quote(hex) + "' is not 1 to 16 hex digits");
        }
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            // ASCII only: Long.parseUnsignedLong would also take "+" and other scripts' digits
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                throw new BadInputException("capability mask '" + Printable.quote(hex) + "' is not hexadecimal");
            }
        }
        return Long.parseUnsignedLong(hex, 16);
    }

    public static String hex(long mask) {
        String h = Long.toHexString(mask);
        return "0000000000000000".substring(h.length()) + h;
    }

    public boolean intersects(long other) {
        return (mask & other) != 0;
    }

    public boolean isEmpty() {
        return mask == 0;
    }

    public List<String> labels() {
        return labels(mask);
    }

    public static List<String> labels(long mask) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((mask & (1L << bit)) != 0) {
                out.add(bit < Capability.values().length ? Capability.ofBit(bit).label() : "cap_" + bit);
            }
        }
        return out;
    }

    /** {@code cap_net_raw+cap_sys_ptrace}, the form the task string uses. */
    @Override
    public String toString() {
        return String.join("+", labels());
    }
}
