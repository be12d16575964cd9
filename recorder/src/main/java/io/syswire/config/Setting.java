package io.syswire.config;

import io.syswire.BadInputException;
import io.syswire.store.Printable;
import io.syswire.kernel.NearestName;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The configuration keys of a syswire task, as the task string and the flags spell them. */
public enum Setting {
    CAPABILITIES("capabilities", "+-separated capabilities counted as elevated"),
    TRIPWIRES("tripwires", "+-separated syscalls that can start a trace"),
    CONTEXT("context", "+-separated syscalls recorded while a trace runs"),
    MAXTRACE("maxtrace", "context events after the tripwire before a trace closes"),
    MAXAGE("maxage", "seconds a process may stay in Benign, Dormant, Traced or Tracing"),
    EVICTRATE("evictrate", "seconds between age sweeps"),
    META("meta", "+-separated metadata published with each trace");

    private final String key;
    private final String description;

    Setting(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** Resolves a task-string key; {@code max_trace} is the seed's spelling of maxtrace. */
    public static Setting byKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        if (k.equals("max_trace")) {
            return MAXTRACE;
        }
        for (Setting s : values()) {
            if (s.key.equals(k)) {
                return s;
            }
        }
        throw new BadInputException("unknown task key '" + Printable.quote(key.trim()) + "'" + NearestName.hint(k, keys()));
    }

    public static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (Setting s : values()) {
            keys.add(s.key);
        }
        return keys;
    }
}
