package io.syswire.cli;

import io.syswire.store.CaseFile;
import io.syswire.store.CaseStore;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The case file argument of commands that work on an existing case. */
public final class CaseOptions {
    // A String, not a Path: Path drops a trailing /, and "case.db/" must not open case.db.
    @Parameters(index = "0", paramLabel = "CASE", description = "the case database file")
    String file;

    @Option(names = "--upgrade", description = "upgrade a case made by an older syswire to this version's schema")
    boolean upgrade;

    CaseFile caseFile() {
        return CaseFile.at(file);
    }

    CaseStore.Upgrade upgrade() {
        return upgrade ? CaseStore.Upgrade.UPGRADE : CaseStore.Upgrade.REFUSE;
    }

    CaseStore open(CaseStore.Access access) {
        return caseFile().open(access, upgrade());
    }

    /** Opens the case read-only; an older case is upgraded first when --upgrade was given. */
    CaseStore openReadOnly() {
        try {
            return caseFile().open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE);
        } catch (CaseStore.OlderSchemaException e) {
            if (!upgrade) {
                throw e;
            }
        }
        caseFile().open(CaseStore.Access.READ_WRITE, CaseStore.Upgrade.UPGRADE).close();
        return caseFile().open(CaseStore.Access.READ_ONLY, CaseStore.Upgrade.REFUSE);
    }
}
