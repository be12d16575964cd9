package io.syswire.shell;

import io.syswire.BadInputException;
import io.syswire.kernel.NearestName;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything the user can set in a session, in one place (sqlline's model): {@code .set}
 * lists and changes them, {@code .mode} and {@code .timer} are shorthands.
 */
enum ShellSetting {
    MODE("mode", "table", "how results are printed: " + String.join(", ", OutputMode.names())) {
        @Override
        String check(String value) {
            return OutputMode.byName(value).label();
        }
    },
    TIMER("timer", "off", "print how long each SQL statement took: on or off") {
        @Override
        String check(String value) {
            return onOff("timer", value);
        }
    },
    MAXROWS("maxrows", "100", "rows shown on the terminal before the rest is counted and left out; 0 shows all") {
        @Override
        String check(String value) {
            try {
                long n = Long.parseLong(value.trim());
                if (n >= 0) {
                    return Long.toString(n);
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new BadInputException("maxrows '" + value + "' is not a whole number >= 0");
        }
    },
    NULLVALUE("nullvalue", "NULL", "how table, line and markdown output show SQL NULL") {
        @Override
        String check(String value) {
            return value;
        }
    };

    private final String key;
    private final String initial;
    private final String description;

    ShellSetting(String key, String initial, String description) {
        this.key = key;
        this.initial = initial;
        this.description = description;
    }

    String key() {
        return key;
    }

    String initial() {
        return initial;
    }

    String description() {
        return description;
    }

    /** The value as it is kept, or a BadInputException naming what is wrong. */
    abstract String check(String value);

    static ShellSetting byKey(String key) {
        for (ShellSetting s : values()) {
            if (s.key.equalsIgnoreCase(key.trim())) {
                return s;
            }
        }
        throw new BadInputException("no setting '" + key + "'" + NearestName.hint(key, keys()) + ": .set lists them");
    }

    static List<String> keys() {
        List<String> out = new ArrayList<>();
        for (ShellSetting s : values()) {
            out.add(s.key);
        }
        return out;
    }

    private static String onOff(String key, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> "on";
            case "off", "false", "no", "0" -> "off";
            default -> throw new BadInputException(key + " must be on or off, not '" + value + "'");
        };
    }
}
