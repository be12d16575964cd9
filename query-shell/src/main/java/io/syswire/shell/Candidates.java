package io.syswire.shell;

import org.jline.reader.Candidate;

/** JLine candidates ranked by group, then length: the shortest fitting name is offered first. */
final class Candidates {
    private Candidates() {
    }

    /** A whole word: completing it adds a blank. */
    static Candidate of(String value, String description, int group) {
        return new Candidate(value, value, null, description, null, null, true, rank(value, group));
    }

    /** A value with more to type after it ({@code process.name:}, {@code sendto+}): no blank. */
    static Candidate partial(String value, String display, String description, int group) {
        return new Candidate(value, display, null, description, null, null, false, rank(value, group));
    }

    private static int rank(String value, int group) {
        return group * 1000 + Math.min(999, value.length());
    }
}
