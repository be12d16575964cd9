package io.syswire.config;

import io.syswire.BadInputException;
import io.syswire.store.Printable;
import io.syswire.kernel.NearestName;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which process, container and pod fields a published trace carries
 * ({@code meta: process.name+pod.min}). The default is the full process and container.
 */
public record Meta(Set<String> fields) {
    /** Every selector, in the order the trace document lists fields. */
    public static final List<String> SELECTORS = List.of(
            "process", "process.cmd", "process.exe", "process.name", "process.ns", "process.pid",
            "process.ppid", "process.startedAt", "process.ancestry", "container", "container.id", "container.name",
            "pod", "pod.min", "pod.uid");

    public static final Meta DEFAULT = new Meta(Set.of("process", "container"));

    /** Fields in the canonical order of {@link #SELECTORS}, so equal selections print alike in every run. */
    public Meta {
        Set<String> ordered = new LinkedHashSet<>();
        for (String s : SELECTORS) {
            if (fields.contains(s)) {
                ordered.add(s);
            }
        }
        fields = Collections.unmodifiableSet(ordered);
    }

    public static Meta parse(String plusSeparated) {
        if (plusSeparated.isBlank()) {
            return DEFAULT;
        }
        Set<String> fields = new LinkedHashSet<>();
        for (String part : plusSeparated.split("\\+", -1)) {
            String p = part.trim();
            String canonical = SELECTORS.stream().filter(s -> s.equalsIgnoreCase(p)).findFirst()
                    .orElseThrow(() -> new BadInputException("unknown meta field '" + Printable.quote(p) + "'"
                            + NearestName.hint(p.toLowerCase(Locale.ROOT), SELECTORS)));
            fields.add(canonical);
        }
        return new Meta(fields);
    }

    /** Whether the process field (cmd, exe, name, ns, pid, ppid, startedAt, ancestry) is published. */
    public boolean process(String field) {
        return fields.contains("process") || fields.contains("process." + field);
    }

    public boolean containerId() {
        return fields.contains("container") || fields.contains("container.id");
    }

    public boolean containerName() {
        return fields.contains("container") || fields.contains("container.name");
    }

    public boolean podUid() {
        return fields.contains("pod") || fields.contains("pod.min") || fields.contains("pod.uid");
    }

    @Override
    public String toString() {
        return String.join("+", fields);
    }
}
