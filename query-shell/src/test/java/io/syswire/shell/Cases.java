package io.syswire.shell;

import io.syswire.cli.Main;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Case files made from the sample logs, and the shell run on them the way scripts run it. */
final class Cases {
    static final String TASK = "syswire|capabilities:cap_net_raw;tripwires:socket;context:sendto+close;maxtrace:3";

    private Cases() {
    }

    /** A case holding one import run of samples/synthetic-NAME.jsonl with the usual task. */
    static Path imported(Path dir, String sample) {
        Path db = dir.resolve(sample + ".db");
        Cli r = cli("import", "../samples/synthetic-" + sample + ".jsonl", "--out", db.toString(), "--task", TASK);
        assertEquals(0, r.status(), r.err());
        return db;
    }

    /** A case made by a syswire whose newest migration was V1. */
    static Path olderSchema(Path dir) throws IOException {
        Path base = dir.resolve("old");
        // H2 takes its class policy from the first use in this JVM: syswire's, whichever test runs first
        io.syswire.store.CaseEngine.prepare();
        Flyway.configure(Cases.class.getClassLoader()).dataSource("jdbc:h2:" + base.toAbsolutePath(), "", "")
                .locations("classpath:db/migration").target("1").load().migrate();
        Path db = dir.resolve("old.db");
        Files.move(dir.resolve("old.mv.db"), db);
        return db;
    }

    /** What the command line printed and its exit status. */
    record Cli(int status, String out, String err) {
        boolean oneLineError() {
            return err.endsWith("\n") && err.indexOf('\n') == err.length() - 1 && !err.contains("\tat ")
                    && !err.contains("Exception");
        }
    }

    static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(status, out.toString(), err.toString());
    }

    /** {@code syswire shell CASE -e S1 -e S2 ...}. */
    static Cli shell(Path db, String... statements) {
        List<String> args = new ArrayList<>(List.of("shell", db.toString()));
        for (String s : statements) {
            args.add("-e");
            args.add(s);
        }
        return cli(args.toArray(new String[0]));
    }

    /** The shell reading a script from standard input. */
    static Cli piped(Path db, String stdin) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = QueryShell.script(io.syswire.store.CaseFile.at(db), false, List.of(ScriptInput.stdin()), false, new StringReader(stdin),
                new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(status, out.toString(), err.toString());
    }
}
