package io.syswire.config;

import io.syswire.BadInputException;
import io.syswire.store.Printable;
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
                return matches(actual);
            }
            return field == Field.CONTAINER_ID ? actual.startsWith(value) : actual.equals(value);
        }

        /**
         * The regex's work is bounded: a value from a hostile log can be long enough to make
         * a backtracking pattern run for hours or recurse past the stack. Either is a one-line
         * error naming the condition, never a hang or a crash.
         */
        private boolean matches(String actual) {
            try {
                return regex.matcher(new Budgeted(actual, this)).find();
            } catch (StackOverflowError e) {
                throw tooHard(actual, "ran out of stack");
            }
        }

        BadInputException tooHard(String actual, String what) {
            return new BadInputException("condition '" + Printable.quote(toString()) + "' " + what + " matching a "
                    + actual.length() + "-character " + field.label + ": simplify the regular expression");
        }

        @Override
        public String toString() {
            return field.label + ":" + (regex != null ? "~" + regex.pattern() : value);
        }
    }

    /** A value that counts the regex engine's reads of it and stops the match past a budget. */
    private static final class Budgeted implements CharSequence {
        static final long MAX_READS = 50_000_000L;
        private final String s;
        private final Condition condition;
        private long reads;

        Budgeted(String s, Condition condition) {
            this.s = s;
            this.condition = condition;
        }

        @Override
        public char charAt(int i) {
            if (++reads > MAX_READS) {
                throw condition.tooHard(s, "took more than " + MAX_READS + " steps");
            }
            return s.charAt(i);
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return s.subSequence(from, to);
        }

        @Override
        public String toString() {
            return s;
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
            throw new BadInputException("condition '" + Printable.quote(c) + "' needs field:value (e.g. process.name:~nginx)");
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
            throw new BadInputException("unknown condition field '" + Printable.quote(name) + "'" + NearestName.hint(name, labels));
        }
        if (value.isEmpty()) {
            throw new BadInputException("condition '" + Printable.quote(c) + "' has no value");
        }
        if (value.startsWith("~")) {
            try {
                return new Condition(field, value, Pattern.compile(value.substring(1)));
            } catch (PatternSyntaxException e) {
                throw new BadInputException("condition '" + Printable.quote(c) + "': bad regular expression: " + e.getDescription());
            }
        }
        if (field == Field.PROCESS_PID && !value.equals("*")) {
            if (!Numbers.isDigits(value) || value.length() > 10 || Long.parseLong(value) <= 0 || Long.parseLong(value) > Integer.MAX_VALUE) {
                throw new BadInputException("condition '" + Printable.quote(c) + "': pid must be a positive number or *");
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

    /** Whether some condition is a regular expression (whose matching can fail on a hostile value). */
    public boolean hasRegex() {
        return conditions.stream().anyMatch(c -> c.regex() != null);
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
