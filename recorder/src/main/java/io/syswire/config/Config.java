package io.syswire.config;

import io.syswire.kernel.CapabilitySet;
import io.syswire.kernel.SyscallSet;
import io.syswire.kernel.SyscallTable;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resolved syswire configuration: what the state machine runs with.
 * Build one from a task string and flags with {@link Settings}.
 */
public record Config(CapabilitySet capabilities, SyscallSet tripwires, SyscallSet context, int maxTrace,
                     Duration maxAge, Duration evictRate, Meta meta, Scope scope) {

    public static final int DEFAULT_MAXTRACE = 0;
    public static final Duration DEFAULT_MAXAGE = Duration.ofSeconds(5);
    public static final Duration DEFAULT_EVICTRATE = Duration.ofSeconds(5);

    /** Tripwires and context: what a recording must capture at least. */
    public SyscallSet watched() {
        return tripwires.union(context);
    }

    /** The configuration as the seed's task string, which {@link Settings#parseTask} reads back. */
    public String toTaskString(SyscallTable table) {
        StringBuilder b = new StringBuilder("syswire|");
        toSettings(table).forEach((k, v) -> b.append(k.key()).append(':').append(v).append(';'));
        b.setLength(b.length() - 1);
        return b.toString();
    }

    public Map<Setting, String> toSettings(SyscallTable table) {
        Map<Setting, String> m = new LinkedHashMap<>();
        m.put(Setting.CAPABILITIES, capabilities.toString());
        m.put(Setting.TRIPWIRES, tripwires.format(table));
        m.put(Setting.CONTEXT, context.format(table));
        m.put(Setting.MAXTRACE, Integer.toString(maxTrace));
        m.put(Setting.MAXAGE, Durations.format(maxAge));
        m.put(Setting.EVICTRATE, Durations.format(evictRate));
        m.put(Setting.META, meta.toString());
        return m;
    }
}
