package io.syswire.kernel;

import io.syswire.BadInputException;

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
                throw new BadInputException("empty capability name in '" + plusSeparated + "'");
            }
            mask |= Capability.parse(part).mask();
        }
        return new CapabilitySet(mask);
    }

    /** Parses a 16-hex-digit mask as in /proc/PID/status ({@code 000001ffffffffff}). */
    public static long parseHex(String hex) {
        if (hex.isEmpty() || hex.length() > 16) {
            throw new BadInputException("capability mask '" + hex + "' is not 1 to 16 hex digits");
        }
        try {
            return Long.parseUnsignedLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new BadInputException("capability mask '" + hex + "' is not hexadecimal");
        }
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
