package io.syswire.kernel;

import java.util.Collection;
import java.util.Optional;

/** Suggests the valid name closest to a misspelt one ("did you mean ..."). */
public final class NearestName {
    private static final int MAX_LENGTH = 64;

    private NearestName() {
    }

    /** The candidate with the smallest edit distance, if it is close enough to be a plausible typo. */
    public static Optional<String> among(String wrong, Collection<String> candidates) {
        if (wrong.length() > MAX_LENGTH) {
            return Optional.empty(); // no name is this long, and the distance costs length x length
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = wrong.toLowerCase(java.util.Locale.ROOT);
        for (String c : candidates) {
            int d = distance(w, c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(2, w.length() / 3);
        return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
    }

    /** " (did you mean x?)" or "" — appended to error messages. */
    public static String hint(String wrong, Collection<String> candidates) {
        return among(wrong, candidates).map(s -> " (did you mean " + s + "?)").orElse("");
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
