package io.syswire.config;

import io.syswire.BadInputException;
import io.syswire.kernel.CapabilitySet;
import io.syswire.kernel.SyscallSet;
import io.syswire.kernel.SyscallTable;
import io.syswire.store.Printable;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Unresolved configuration text, key by key, as the task string and the flags give it.
 * Layers combine with {@link #overriddenBy} (flags override the task string; a replay's
 * overrides override its parent run's configuration); {@link #resolve} validates everything
 * at once and builds the {@link Config}.
 */
public final class Settings {
    static final Duration MIN_EVICTRATE = Duration.ofMillis(1);

    private final Map<Setting, String> values;
    private final String scope;

    private Settings(Map<Setting, String> values, String scope) {
        this.values = Collections.unmodifiableMap(values.isEmpty() ? new EnumMap<>(Setting.class) : new EnumMap<>(values));
        this.scope = scope;
    }

    public static Settings none() {
        return new Settings(Map.of(), null);
    }

    /**
     * Parses {@code syswire|capabilities:cap_net_raw;tripwires:socket;maxtrace:3}. The {@code syswire|}
     * prefix may be left out; a different task type is an error.
     */
    public static Settings parseTask(String task) {
        String body = task.trim();
        int bar = body.indexOf('|');
        if (bar >= 0) {
            String type = body.substring(0, bar).trim();
            if (!type.equals("syswire")) {
                throw new BadInputException("task type '" + type + "' is not syswire (expected syswire|key:value;...)");
            }
            body = body.substring(bar + 1);
        }
        Map<Setting, String> m = new EnumMap<>(Setting.class);
        for (String item : body.split(";", -1)) {
            if (item.isBlank()) {
                continue;
            }
            int colon = item.indexOf(':');
            if (colon < 0) {
                throw new BadInputException("task item '" + Printable.quote(item.trim()) + "' needs key:value");
            }
            Setting s = Setting.byKey(item.substring(0, colon));
            if (m.containsKey(s)) {
                throw new BadInputException("task key '" + s.key() + "' is given twice");
            }
            m.put(s, item.substring(colon + 1).trim());
        }
        if (m.isEmpty()) {
            // an empty task is a mistake (a variable that did not expand), never "no configuration"
            throw new BadInputException("the task string '" + Printable.quote(task) + "' has no settings (expected syswire|capabilities:...;tripwires:...)");
        }
        return new Settings(m, null);
    }

    public Settings with(Setting s, String value) {
        if (value == null) {
            return this;
        }
        Map<Setting, String> m = new EnumMap<>(Setting.class);
        m.putAll(values);
        m.put(s, value);
        return new Settings(m, scope);
    }

    /** Sets the scope (the -c conditions joined with ,). */
    public Settings withScope(List<String> conditions) {
        if (conditions == null || conditions.isEmpty()) {
            return this;
        }
        for (String c : conditions) {
            if (c.isBlank()) {
                throw new BadInputException("condition '" + Printable.quote(c) + "' is empty (expected field:value, e.g. process.name:~nginx)");
            }
        }
        return new Settings(values, String.join(",", conditions));
    }

    public Settings overriddenBy(Settings top) {
        Map<Setting, String> m = new EnumMap<>(Setting.class);
        m.putAll(values);
        m.putAll(top.values);
        return new Settings(m, top.scope != null ? top.scope : scope);
    }

    public boolean isEmpty() {
        return values.isEmpty() && scope == null;
    }

    public Map<Setting, String> values() {
        return values;
    }

    public String scope() {
        return scope;
    }

    public Config resolve(SyscallTable table) {
        String caps = require(Setting.CAPABILITIES, "--capabilities");
        String trips = require(Setting.TRIPWIRES, "--tripwires");
        CapabilitySet capabilities = CapabilitySet.parse(caps);
        SyscallSet tripwires = SyscallSet.parse(trips, table);
        SyscallSet context = SyscallSet.parse(values.getOrDefault(Setting.CONTEXT, ""), table);
        int maxTrace = parseMaxTrace(values.get(Setting.MAXTRACE));
        Duration maxAge = values.containsKey(Setting.MAXAGE)
                ? Durations.parse("maxage", values.get(Setting.MAXAGE)) : Config.DEFAULT_MAXAGE;
        Duration evictRate = values.containsKey(Setting.EVICTRATE)
                ? Durations.parse("evictrate", values.get(Setting.EVICTRATE)) : Config.DEFAULT_EVICTRATE;
        if (evictRate.compareTo(MIN_EVICTRATE) < 0) {
            // a sweep per nanosecond over a log spanning hours is billions of sweeps
            throw new BadInputException("evictrate must be at least 1ms, not '" + Printable.quote(values.get(Setting.EVICTRATE).trim()) + "'");
        }
        Meta meta = Meta.parse(values.getOrDefault(Setting.META, ""));
        return new Config(capabilities, tripwires, context, maxTrace, maxAge, evictRate, meta, Scope.parse(scope));
    }

    private String require(Setting s, String flag) {
        String v = values.get(s);
        if (v == null || v.isBlank()) {
            throw new BadInputException("missing " + s.key() + ": give " + flag + " or " + s.key() + ": in --task");
        }
        return v;
    }

    private static int parseMaxTrace(String text) {
        if (text == null) {
            return Config.DEFAULT_MAXTRACE;
        }
        if (!Numbers.isDigits(text.trim())) {
            throw new BadInputException("maxtrace '" + Printable.quote(text.trim()) + "' is not a whole number >= 0");
        }
        return (int) Numbers.whole("maxtrace", text, 0, Integer.MAX_VALUE);
    }
}
