package io.syswire.config;

import io.syswire.BadInputException;
import io.syswire.event.ProcessInfo;
import io.syswire.kernel.NearestName;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Which processes a task tracks: conditions joined with {@code ,} that must all hold
 * ({@code process.pid:54321}, {@code process.pid:*}, {@code process.name:~regex},
 * {@code process.name:exact}, {@code container.id:…}, {@code container.name:~…}).
 * Processes outside the scope are never tracked.
 */
public record Scope(List<Condition> conditions) {
    public static final Scope EVERYTHING = new Scope(List.of());

    public enum Field {
        PROCESS_PID("process.pid"), PROCESS_NAME("process.name"), CONTAINER_ID("container.id"),
        CONTAINER_NAME("container.name");

        final String label;

        Field(String label) {
            this.label = label;
        }

        String valueOf(ProcessInfo p) {
            return switch (this) {
                case PROCESS_PID -> Integer.toString(p.pid());
                case PROCESS_NAME -> p.name();
                case CONTAINER_ID -> p.containerId();
                case CONTAINER_NAME -> p.containerName();
            };
        }
    }

    /**
     * One condition. {@code *} matches anything (a process outside any container has no
     * container.id, so {@code container.id:*} selects containerised processes); {@code ~} starts a
     * regular expression that must match somewhere in the value; otherwise the value must be equal,
     * except that a container id may be given as a prefix (IDs are usually shown shortened).
     */
    public record Condition(Field field, String value, Pattern regex) {
        public boolean test(ProcessInfo p) {
            String actual = field.valueOf(p);
            if (value.equals("*")) {
                return actual != null;
            }
            if (actual == null) {
                return false;
            }
            if (regex != null) {
                return regex.matcher(actual).find();
            }
            return field == Field.CONTAINER_ID ? actual.startsWith(value) : actual.equals(value);
        }

        @Override
        public String toString() {
            return field.label + ":" + (regex != null ? "~" + regex.pattern() : value);
        }
    }

    public static Scope parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Condition> out = new ArrayList<>();
        // Split only before a field name, so that a regex may contain commas.
        for (String part : text.split(",(?=\\s*(process|container)\\.)")) {
            out.add(parseCondition(part.trim()));
        }
        return new Scope(out);
    }

    public static Scope of(List<String> conditions) {
        List<Condition> out = new ArrayList<>();
        for (String c : conditions) {
            out.addAll(parse(c).conditions());
        }
        return new Scope(out);
    }

    private static Condition parseCondition(String c) {
        int colon = c.indexOf(':');
        if (colon < 0) {
            throw new BadInputException("condition '" + c + "' needs field:value (e.g. process.name:~nginx)");
        }
        String name = c.substring(0, colon).trim();
        String value = c.substring(colon + 1).trim();
        Field field = null;
        for (Field f : Field.values()) {
            if (f.label.equalsIgnoreCase(name)) {
                field = f;
            }
        }
        if (field == null) {
            List<String> labels = List.of(Field.values()).stream().map(f -> f.label).collect(Collectors.toList());
            throw new BadInputException("unknown condition field '" + name + "'" + NearestName.hint(name, labels));
        }
        if (value.isEmpty()) {
            throw new BadInputException("condition '" + c + "' has no value");
        }
        if (value.startsWith("~")) {
            try {
                return new Condition(field, value, Pattern.compile(value.substring(1)));
            } catch (PatternSyntaxException e) {
                throw new BadInputException("condition '" + c + "': bad regular expression: " + e.getDescription());
            }
        }
        if (field == Field.PROCESS_PID && !value.equals("*")) {
            try {
                if (Integer.parseInt(value) <= 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new BadInputException("condition '" + c + "': pid must be a positive number or *");
            }
        }
        return new Condition(field, value, null);
    }

    public boolean test(ProcessInfo p) {
        for (Condition c : conditions) {
            if (!c.test(p)) {
                return false;
            }
        }
        return true;
    }

    public boolean isEverything() {
        return conditions.stream().allMatch(c -> c.value().equals("*") && c.field() == Field.PROCESS_PID);
    }

    /** Exact pids the kernel can filter on; empty when the scope does not pin pids. */
    public List<Integer> exactPids() {
        return conditions.stream().filter(c -> c.field() == Field.PROCESS_PID && c.regex() == null && !c.value().equals("*"))
                .map(c -> Integer.parseInt(c.value())).collect(Collectors.toList());
    }

    /** An exact process name the kernel can filter on (comm is at most 15 bytes). */
    public Optional<String> exactName() {
        return conditions.stream().filter(c -> c.field() == Field.PROCESS_NAME && c.regex() == null
                && !c.value().equals("*") && c.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 15)
                .map(Condition::value).findFirst();
    }

    @Override
    public String toString() {
        return conditions.stream().map(Condition::toString).collect(Collectors.joining(","));
    }

}
