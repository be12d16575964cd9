package io.syswire.shell;

import io.syswire.BadInputException;
import io.syswire.output.rows.CsvRows;
import io.syswire.output.rows.JsonRows;
import io.syswire.output.rows.RowWriter;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The formats of {@code .mode}: each is a {@link RowWriter}, the same ones {@code syswire export} uses for csv and json. */
enum OutputMode {
    TABLE {
        @Override
        RowWriter writer(Writer out, Layout layout) {
            return new TableRows(out, layout);
        }
    },
    CSV {
        @Override
        RowWriter writer(Writer out, Layout layout) {
            return new CsvRows(out);
        }
    },
    JSON {
        @Override
        RowWriter writer(Writer out, Layout layout) throws IOException {
            return new JsonRows(out, false);
        }
    },
    JSONL {
        @Override
        RowWriter writer(Writer out, Layout layout) throws IOException {
            return new JsonRows(out, true);
        }
    },
    MARKDOWN {
        @Override
        RowWriter writer(Writer out, Layout layout) {
            return new MarkdownRows(out, layout);
        }
    },
    LINE {
        @Override
        RowWriter writer(Writer out, Layout layout) {
            return new LineRows(out, layout);
        }
    };

    abstract RowWriter writer(Writer out, Layout layout) throws IOException;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the writer reports rows left out by itself (the others get a note from the shell). */
    boolean countsRows() {
        return this == TABLE;
    }

    static OutputMode byName(String name) {
        for (OutputMode m : values()) {
            if (m.label().equalsIgnoreCase(name.trim())) {
                return m;
            }
        }
        throw new BadInputException("no mode '" + name.trim() + "': use " + String.join(", ", names()));
    }

    static List<String> names() {
        List<String> out = new ArrayList<>();
        for (OutputMode m : values()) {
            out.add(m.label());
        }
        return out;
    }
}
