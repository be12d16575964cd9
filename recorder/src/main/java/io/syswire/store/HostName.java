package io.syswire.store;

import io.syswire.BadInputException;

import java.util.regex.Pattern;

/**
 * The name of the host a run was captured on. It becomes a directory name in a data lake
 * ({@code host=NAME}), so it is held to what a hostname may be: letters, digits, '.', '-', '_'.
 */
public final class HostName {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    private HostName() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** @throws BadInputException naming the problem when {@code name} is no host name */
    public static String check(String name) {
        if (!isValid(name)) {
            throw new BadInputException("--host must be a host name (letters, digits, '.', '-', '_', up to 253), not '"
                    + Printable.quote(name == null ? "" : name) + "'");
        }
        return name;
    }
}
