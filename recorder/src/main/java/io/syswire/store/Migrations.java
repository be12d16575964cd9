package io.syswire.store;

import io.syswire.BadInputException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.h2.jdbcx.JdbcDataSource;

import java.nio.file.Path;

/** Creates or upgrades a case's schema with the Flyway migrations bundled in this syswire. */
final class Migrations {
    /** V6: raw_events is a table of syswire's engine (the build's code generator sets it empty). */
    static final java.util.Map<String, String> PLACEHOLDERS =
            java.util.Map.of("raw_events_engine", "ENGINE \"" + RawEventsEngine.class.getName() + "\"");

    private Migrations() {
    }

    /** Runs every migration the file lacks (Flyway costs most of a second: only at create and upgrade). */
    static void migrate(Path file) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(CaseStore.url(file, CaseStore.Access.READ_WRITE));
        try {
            Flyway.configure(Migrations.class.getClassLoader()).dataSource(ds).locations("classpath:db/migration")
                    .placeholders(PLACEHOLDERS)
                    .loggers("org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator").load().migrate();
        } catch (FlywayException e) {
            throw new BadInputException("cannot set up the case schema in " + file + ": "
                    + Printable.quote(CaseErrors.firstLine(e.getMessage())));
        }
    }
}
