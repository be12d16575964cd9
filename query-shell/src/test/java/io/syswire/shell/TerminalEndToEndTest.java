package io.syswire.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shell in a real pseudo-terminal: tmux runs {@code syswire shell} (the test class path,
 * so no jar is needed), keys go in with send-keys and the screen comes back with
 * capture-pane. HOME is a temporary directory, so the user's own history is untouched.
 */
class TerminalEndToEndTest {
    private static final long WAIT_MS = 20_000;
    // capture-pane drops blanks at the end of a line: expected text never ends with one.

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void tabCompletesAQueryRunsAndUpBringsItBackAfterARestart() throws Exception {
        Path db = Cases.imported(dir, "dormant-benign-maxage");
        Path home = Files.createDirectory(dir.resolve("home"));
        Tmux tmux = new Tmux(dir.resolve("tmux.sock"));
        try {
            tmux.start(home, db);
            tmux.waitFor("syswire>");

            tmux.type("sel");
            tmux.keys("Tab");
            tmux.waitFor("syswire> select");

            tmux.type("count(*) from trac");
            tmux.keys("Tab");
            tmux.waitFor("syswire> select count(*) from traces");

            tmux.type(";");
            tmux.keys("Enter");
            tmux.waitFor("|        2 |");
            tmux.waitFor("(1 row)");

            tmux.keys("C-d");
            tmux.waitForExit();
            assertTrue(Files.readString(home.resolve(".syswire_history")).contains("select count(*) from traces"));

            tmux.start(home, db);
            tmux.waitFor("syswire>");
            tmux.keys("Up");
            tmux.waitFor("syswire> select count(*) from traces ;");
            tmux.keys("Enter");
            tmux.waitFor("|        2 |");
            tmux.type(".quit");
            tmux.keys("Enter");
            tmux.waitForExit();
        } finally {
            tmux.kill();
        }
    }

    /** One tmux server on its own socket, running one shell at a time. */
    private static final class Tmux {
        private final Path socket;

        Tmux(Path socket) {
            this.socket = socket;
        }

        void start(Path home, Path db) throws IOException, InterruptedException {
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            run("new-session", "-d", "-s", "shell", "-x", "120", "-y", "40",
                    "env", "HOME=" + home, "LANG=C.UTF-8", io.syswire.JavaProcess.java(), "-cp", cp, "io.syswire.cli.Main", "shell", db.toString());
        }

        /** Literal text; a ; at the end of an argument would end tmux's command, so it goes escaped. */
        void type(String text) throws IOException, InterruptedException {
            run("send-keys", "-t", "shell", "-l", text.replace(";", "\\;"));
        }

        void keys(String... keys) throws IOException, InterruptedException {
            List<String> args = new ArrayList<>(List.of("send-keys", "-t", "shell"));
            args.addAll(List.of(keys));
            run(args.toArray(new String[0]));
        }

        String screen() throws IOException, InterruptedException {
            return run("capture-pane", "-p", "-t", "shell");
        }

        void waitFor(String text) throws IOException, InterruptedException {
            long until = System.currentTimeMillis() + WAIT_MS;
            String screen = "";
            while (System.currentTimeMillis() < until) {
                screen = screen();
                if (screen.contains(text)) {
                    return;
                }
                Thread.sleep(100);
            }
            fail("the screen never showed '" + text + "':\n" + screen);
        }

        void waitForExit() throws IOException, InterruptedException {
            long until = System.currentTimeMillis() + WAIT_MS;
            while (System.currentTimeMillis() < until) {
                if (status("has-session", "-t", "shell") != 0) {
                    return;
                }
                Thread.sleep(100);
            }
            fail("the shell did not exit:\n" + screen());
        }

        void kill() throws IOException, InterruptedException {
            status("kill-server");
        }

        private String run(String... args) throws IOException, InterruptedException {
            Process p = process(args);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), "tmux " + String.join(" ", args) + ": " + out);
            return out;
        }

        private int status(String... args) throws IOException, InterruptedException {
            Process p = process(args);
            p.getInputStream().readAllBytes();
            return p.waitFor();
        }

        private Process process(String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of("tmux", "-u", "-S", socket.toString()));
            cmd.addAll(List.of(args));
            return new ProcessBuilder(cmd).redirectErrorStream(true).start();
        }
    }
}
