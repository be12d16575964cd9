package io.syswire.store;

import io.syswire.BadInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Schema versions as dotted numbers ({@code 2}, {@code 2.1}): parsed strictly, since a file may say anything. */
final class CaseSchema {
    private static final Pattern VERSION = Pattern.compile("[0-9]{1,6}(?:\\.[0-9]{1,6}){0,5}");

    private CaseSchema() {
    }

    static boolean isVersion(String v) {
        return v != null && VERSION.matcher(v).matches();
    }

    /** @throws BadInputException for anything but ASCII digits separated by dots */
    static List<Integer> parse(String v) {
        if (!isVersion(v)) {
            throw new BadInputException("'" + Printable.quote(v) + "' is not a schema version");
        }
        List<Integer> out = new ArrayList<>();
        for (String p : v.split("\\.")) {
            out.add(Integer.parseInt(p));
        }
        return out;
    }

    static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : 0;
            int y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    static int compare(String a, String b) {
        return compare(parse(a), parse(b));
    }
}
