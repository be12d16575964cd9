package io.syswire.shell;

import io.syswire.config.Meta;
import io.syswire.config.Scope;
import io.syswire.kernel.Capability;
import io.syswire.kernel.SyscallTable;
import io.syswire.store.CaseStore;
import io.syswire.store.RunInfo;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Completion of dot-commands: their names, their options (from the same picocli model that
 * parses them), and the values those take: run and trace ids from the case, syscall and
 * capability names for replay overrides ({@code sendto+cl} gives {@code sendto+close}),
 * modes, settings, tables and file names.
 */
final class DotCompleter {
    private final DotCommands commands;
    private final Supplier<CaseStore> store;
    private final Catalog catalog;
    private final Completers.FileNameCompleter files = new Completers.FileNameCompleter();

    DotCompleter(DotCommands commands, Supplier<CaseStore> store, Catalog catalog) {
        this.commands = commands;
        this.store = store;
        this.catalog = catalog;
    }

    void complete(LineReader reader, ParsedLine line, List<Candidate> out) {
        List<String> words = line.words();
        int index = line.wordIndex();
        String word = line.word();
        if (index == 0) {
            for (String name : commands.names()) {
                out.add(Candidates.of(name, commands.spec(name).usageMessage().description()[0], 0));
            }
            return;
        }
        CommandSpec spec = commands.spec(words.get(0));
        if (spec == null) {
            return;
        }
        int eq = word.indexOf('=');
        if (word.startsWith("--") && eq > 0) {
            OptionSpec o = spec.findOption(word.substring(0, eq));
            if (o != null) {
                values(spec.name(), longName(o), word.substring(0, eq + 1), word.substring(eq + 1), reader, line, out);
            }
            return;
        }
        OptionSpec previous = index > 1 ? spec.findOption(words.get(index - 1)) : null;
        if (previous != null && takesValue(previous) && !words.get(index - 1).contains("=")) {
            values(spec.name(), longName(previous), "", word, reader, line, out);
            return;
        }
        int before = out.size();
        if (!word.startsWith("-")) {
            positional(spec.name(), positionalIndex(spec, words, index), words, reader, line, out);
        }
        // Options when asked for (-), or when no parameter value fits here.
        if (word.startsWith("-") || out.size() == before) {
            for (OptionSpec o : spec.options()) {
                if (!o.hidden()) {
                    out.add(Candidates.of(longName(o), o.description().length > 0 ? o.description()[0] : null, 1));
                }
            }
        }
    }

    /** The option's first long name as declared ({@code --maxtrace}, not its other spellings). */
    private static String longName(OptionSpec o) {
        for (String n : o.names()) {
            if (n.startsWith("--")) {
                return n;
            }
        }
        return o.longestName();
    }

    private static boolean takesValue(OptionSpec o) {
        return o.arity().max > 0 && o.type() != boolean.class && o.type() != Boolean.class;
    }

    /** Which positional parameter the word at {@code index} is: options and their values do not count. */
    private static int positionalIndex(CommandSpec spec, List<String> words, int index) {
        int n = 0;
        for (int i = 1; i < index; i++) {
            String w = words.get(i);
            OptionSpec o = w.startsWith("-") ? spec.findOption(w.contains("=") ? w.substring(0, w.indexOf('=')) : w) : null;
            if (o != null) {
                if (takesValue(o) && !w.contains("=")) {
                    i++;
                }
            } else if (!w.startsWith("-")) {
                n++;
            }
        }
        return n;
    }

    private void positional(String command, int index, List<String> words, LineReader reader, ParsedLine line,
                            List<Candidate> out) {
        switch (command) {
            case ".mode" -> OutputMode.names().forEach(m -> out.add(Candidates.of(m, null, 0)));
            case ".timer" -> List.of("on", "off").forEach(v -> out.add(Candidates.of(v, null, 0)));
            case ".traces" -> runs(out);
            case ".diff" -> {
                if (index < 2) {
                    runs(out);
                }
            }
            case ".show" -> traces(runOption(words), out);
            case ".transitions" -> pids(runOption(words), out);
            case ".schema" -> catalog.tables().forEach(t -> out.add(Candidates.of(t.name(), t.view() ? "view" : "table", 0)));
            case ".export", ".output" -> {
                if (index == 0) {
                    files.complete(reader, line, out);
                }
            }
            case ".help" -> commands.names().forEach(n -> out.add(Candidates.of(n.substring(1), null, 0)));
            case ".set" -> {
                if (index == 0) {
                    for (ShellSetting s : ShellSetting.values()) {
                        out.add(Candidates.of(s.key(), s.description(), 0));
                    }
                } else if (index == 1 && words.size() > 1) {
                    settingValues(words.get(1), out);
                }
            }
            default -> {
            }
        }
    }

    private static void settingValues(String key, List<Candidate> out) {
        switch (key.toLowerCase(Locale.ROOT)) {
            case "mode" -> OutputMode.names().forEach(m -> out.add(Candidates.of(m, null, 0)));
            case "timer" -> List.of("on", "off").forEach(v -> out.add(Candidates.of(v, null, 0)));
            default -> {
            }
        }
    }

    private void values(String command, String option, String prefix, String typed, LineReader reader, ParsedLine line,
                        List<Candidate> out) {
        switch (option) {
            case "--run" -> runs(out, prefix);
            case "--what" -> List.of("traces", "transitions", "raw").forEach(v -> out.add(Candidates.of(prefix + v, null, 0)));
            case "--format" -> (command.equals(".diff") ? List.of("text", "json") : List.of("json", "jsonl", "csv"))
                    .forEach(v -> out.add(Candidates.of(prefix + v, null, 0)));
            case "--tripwires", "--context" -> plusList(prefix, typed, SyscallTable.x86_64().names(), "syscall", out);
            case "--capabilities" -> plusList(prefix, typed, Capability.labels(), "capability", out);
            case "--meta" -> plusList(prefix, typed, Meta.SELECTORS, "metadata", out);
            case "--condition" -> {
                for (Scope.Field f : Scope.Field.values()) {
                    String label = f.name().toLowerCase(Locale.ROOT).replaceFirst("_", ".") + ":";
                    out.add(Candidates.partial(prefix + label, label, "scope condition", 0));
                }
            }
            default -> {
            }
        }
    }

    /** Names in a +-separated list: the part before the last + stays, the last name is completed. */
    private static void plusList(String prefix, String typed, Collection<String> names, String what, List<Candidate> out) {
        int plus = typed.lastIndexOf('+');
        String head = prefix + (plus >= 0 ? typed.substring(0, plus + 1) : "");
        for (String n : names.stream().sorted().toList()) {
            out.add(Candidates.partial(head + n, n, what, 0));
        }
    }

    private static Integer runOption(List<String> words) {
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            String value = w.startsWith("--run=") ? w.substring(6) : w.equals("--run") && i + 1 < words.size() ? words.get(i + 1) : null;
            if (value != null) {
                try {
                    return Integer.valueOf(value);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private void runs(List<Candidate> out) {
        runs(out, "");
    }

    private void runs(List<Candidate> out, String prefix) {
        for (RunInfo r : store.get().runs()) {
            String what = r.kind().label() + (r.parentRunId() != null ? " of run " + r.parentRunId() : "") + ", "
                    + r.traces() + " traces";
            out.add(Candidates.of(prefix + r.runId(), what, 0));
        }
    }

    private void traces(Integer run, List<Candidate> out) {
        query("SELECT trace_id, pid || ' ' || COALESCE(process_name, '') || ', ' || tripwire_syscall FROM traces"
                + " WHERE run_id = ? ORDER BY trace_id", run, out);
    }

    private void pids(Integer run, List<Candidate> out) {
        query("SELECT pid, LISTAGG(DISTINCT COALESCE(process_name, ''), ', ') FROM transitions WHERE run_id = ?"
                + " GROUP BY pid ORDER BY pid", run, out);
    }

    /** Candidates from a query of (value, description) rows of one run (the newest by default). */
    private void query(String sql, Integer run, List<Candidate> out) {
        CaseStore s = store.get();
        List<RunInfo> runs = s.runs();
        if (runs.isEmpty()) {
            return;
        }
        int runId = run != null ? run : runs.get(runs.size() - 1).runId();
        try (PreparedStatement ps = s.connection().prepareStatement(sql)) {
            ps.setInt(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                List<Candidate> found = new ArrayList<>();
                while (rs.next()) {
                    found.add(Candidates.of(rs.getString(1), rs.getString(2), 0));
                }
                out.addAll(found);
            }
        } catch (SQLException e) {
            // no candidates then: completion never interrupts typing with an error
        }
    }
}
