package io.syswire.store;

import io.syswire.kernel.Capability;
import io.syswire.kernel.CapabilitySet;

/**
 * SQL helpers over the 16-hex-digit capability masks the case stores, registered as
 * {@code CAP_NAMES(mask)} and {@code HAS_CAP(mask, 'cap_net_raw')}.
 */
public final class CapabilityFunctions {
    private CapabilityFunctions() {
    }

    /** {@code '0000000000002000'} -> {@code 'cap_net_raw'}; several are joined with +. */
    public static String capNames(String hexMask) {
        if (hexMask == null) {
            return null;
        }
        return CapabilitySet.labels(CapabilitySet.parseHex(hexMask)).stream().reduce((a, b) -> a + "+" + b).orElse("");
    }

    public static Boolean hasCap(String hexMask, String capability) {
        if (hexMask == null || capability == null) {
            return null;
        }
        return (CapabilitySet.parseHex(hexMask) & Capability.parse(capability).mask()) != 0;
    }
}
