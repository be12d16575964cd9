package io.syswire.event;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A syscall's arguments: name -> value in the kernel's parameter order. Values are
 * {@link Long} (raw register values and numbers), {@link String} (decoded strings) or
 * JSON-shaped {@link Map}/{@link java.util.List} values (decoded structures such as a
 * sockaddr). Immutable: the arrays are never exposed or changed after construction.
 */
public final class Args {
    public static final Args NONE = new Args(new String[0], new Object[0]);

    private final String[] names;
    private final Object[] values;

    private Args(String[] names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    /** Takes ownership of {@code values}, built fresh; {@code names} is only read, so a decoder may share it. */
    public static Args own(String[] names, Object[] values) {
        if (names.length != values.length) {
            throw new IllegalArgumentException("names and values differ in length");
        }
        return names.length == 0 ? NONE : new Args(names, values);
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public Object value(int i) {
        return values[i];
    }

    public Object get(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], values[i]);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Args a && Arrays.equals(names, a.names) && Arrays.deepEquals(values, a.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(names), Arrays.deepHashCode(values));
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
