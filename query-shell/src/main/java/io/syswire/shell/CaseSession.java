package io.syswire.shell;

import io.syswire.BadInputException;
import io.syswire.store.CaseFile;
import io.syswire.store.CaseStore;

import java.io.IOException;
import java.util.function.Predicate;

/**
 * The case a shell works on. It is open read-only: every query leaves the file exactly as it
 * was (H2 refuses writes at the database level, and the shell's SQL guard lets only reading
 * statements through). Only {@link #write} (a replay) reopens it for writing, for that one
 * job, and the evidence guard in the schema keeps even that from touching recorded raw events.
 */
final class CaseSession implements AutoCloseable {
    /** Work that writes to the case, given the store opened for writing. */
    interface Work<T> {
        T run(CaseStore store) throws IOException;
    }

    private final CaseFile file;
    private CaseStore store;

    private CaseSession(CaseFile file, CaseStore store) {
        this.file = file;
        this.store = store;
    }

    /**
     * Opens a case. A case from an older syswire is upgraded (Flyway) only with the user's
     * consent: {@code upgrade} given, or {@code consent} answering yes to the question.
     */
    static CaseSession open(CaseFile file, boolean upgrade, Predicate<String> consent) {
        try {
            return new CaseSession(file, readOnly(file));
        } catch (CaseStore.OlderSchemaException e) {
            if (!(upgrade || consent.test(e.situation() + ". Upgrade it now (older syswire versions cannot read it afterwards)?"))) {
                throw e;
            }
        }
        file.open(CaseStore.Access.READ_WRITE, CaseStore.Upgrade.UPGRADE).close();
        return new CaseSession(file, readOnly(file));
    }

    private static CaseStore readOnly(CaseFile file) {
        return file.open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE);
    }

    CaseFile file() {
        return file;
    }

    /** The read-only store. */
    CaseStore store() {
        return store;
    }

    /**
     * Runs work on the case opened for writing, then goes back to read-only. The store
     * handed out before is closed meanwhile: callers ask {@link #store()} again afterwards.
     * Callers check their options against the read-only store first: a refused command
     * never opens the case for writing.
     */
    <T> T write(Work<T> work) throws IOException {
        if (!java.nio.file.Files.isWritable(file.path())) {
            throw new BadInputException(file + " is not writable: a replay adds a run to the case");
        }
        store.close();
        try (CaseStore writable = file.open(CaseStore.Access.READ_WRITE, CaseStore.Upgrade.REFUSE)) {
            return work.run(writable);
        } finally {
            store = readOnly(file);
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
