package io.syswire.shell;

import java.util.EnumMap;
import java.util.Map;

/** The current value of every {@link ShellSetting} in one session. */
final class ShellSettings {
    private final Map<ShellSetting, String> values = new EnumMap<>(ShellSetting.class);

    ShellSettings() {
        for (ShellSetting s : ShellSetting.values()) {
            values.put(s, s.initial());
        }
    }

    void set(ShellSetting setting, String value) {
        values.put(setting, setting.check(value));
    }

    String get(ShellSetting setting) {
        return values.get(setting);
    }

    OutputMode mode() {
        return OutputMode.byName(get(ShellSetting.MODE));
    }

    boolean timer() {
        return get(ShellSetting.TIMER).equals("on");
    }

    /** Rows shown on a terminal, or -1 for all. */
    long maxRows() {
        long n = Long.parseLong(get(ShellSetting.MAXROWS));
        return n == 0 ? -1 : n;
    }

    String nullValue() {
        return get(ShellSetting.NULLVALUE);
    }
}
