package io.syswire.ops;

import io.syswire.BadInputException;
import io.syswire.store.CaseFile;
import io.syswire.store.CaseStore;

import java.io.IOException;
import java.nio.file.Files;

/**
 * The case a command adds a run to: a new file, or with {@code append} an existing case.
 * {@link #of} decides and checks before anything is read, loaded or written (an existing file
 * that is no clean case is refused here); {@link #open} then creates or opens it, and
 * {@link #abandon} undoes a failed command: a file this target created is removed, so a
 * failure never leaves a case behind that the user did not have before.
 */
public final class CaseTarget {
    private final CaseFile file;
    private final boolean existed;

    private CaseTarget(CaseFile file, boolean existed) {
        this.file = file;
        this.existed = existed;
    }

    /** @throws BadInputException if the file exists and {@code append} is false, or it is not a clean case */
    public static CaseTarget of(CaseFile file, boolean append) {
        boolean exists = file.exists();
        if (exists && !append) {
            throw new BadInputException(file + " already exists: use --append to add a run to it");
        }
        if (exists) {
            file.inspect();
        }
        return new CaseTarget(file, exists);
    }

    public CaseFile file() {
        return file;
    }

    /** Whether the case was there before this command. */
    public boolean existed() {
        return existed;
    }

    /** Opens the existing case for writing (repairing runs a killed recorder left), or creates the new one. */
    public CaseStore open() {
        return existed ? file.open(CaseStore.Access.READ_WRITE, CaseStore.Upgrade.REFUSE) : file.create();
    }

    /** Work on the opened case; anything it throws abandons the target. */
    public interface Work<T> {
        T on(CaseStore store) throws IOException;
    }

    /** Opens, runs the work, closes; on any failure (errors too) a new file is removed. */
    public <T> T write(Work<T> work) throws IOException {
        CaseStore store = open();
        T result;
        try {
            result = work.on(store);
        } catch (Throwable t) {
            abandon(store, t);
            throw t;
        }
        store.close();
        return result;
    }

    /**
     * After a failure: closes the store (null if it never opened) and removes the file if this
     * command created it. Problems doing so are added to {@code cause}: the failure is what matters.
     */
    public void abandon(CaseStore store, Throwable cause) {
        if (store != null) {
            try {
                store.close();
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
        if (!existed) {
            try {
                Files.deleteIfExists(file.path());
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
