package io.syswire.cli;

import io.syswire.store.CaseStore;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** The case file argument of commands that work on an existing case. */
public final class CaseOptions {
    @Parameters(index = "0", paramLabel = "CASE", description = "the case database file")
    Path file;

    @Option(names = "--upgrade", description = "upgrade a case made by an older syswire to this version's schema")
    boolean upgrade;

    CaseStore open(CaseStore.Access access) {
        return CaseStore.open(file, access, upgrade ? CaseStore.Upgrade.UPGRADE : CaseStore.Upgrade.REFUSE);
    }
}
