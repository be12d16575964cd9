package io.syswire.shell;

import io.syswire.store.CaseStore;

/**
 * What dot-commands work with: the case, where output goes, the settings, the printer of
 * results; and the one thing a command can ask of the shell itself, to stop.
 */
final class ShellContext {
    private final CaseSession session;
    private final Console console;
    private final ShellSettings settings;
    private final ResultPrinter printer;
    private boolean quit;

    ShellContext(CaseSession session, Console console, ShellSettings settings) {
        this.session = session;
        this.console = console;
        this.settings = settings;
        this.printer = new ResultPrinter(session, console, settings);
    }

    CaseSession session() {
        return session;
    }

    /** The read-only store of the case. */
    CaseStore store() {
        return session.store();
    }

    Console console() {
        return console;
    }

    ShellSettings settings() {
        return settings;
    }

    ResultPrinter printer() {
        return printer;
    }

    void quit() {
        quit = true;
    }

    boolean quitting() {
        return quit;
    }
}
