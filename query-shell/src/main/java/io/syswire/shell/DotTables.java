package io.syswire.shell;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

@Command(name = ".tables", description = "Lists the tables and views, with what each holds.")
final class DotTables implements Callable<Integer> {
    @Mixin
    HelpFlag help;

    private final ShellContext context;

    DotTables(ShellContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        context.printer().query("SELECT LOWER(table_name) AS name,"
                + " CASE table_type WHEN 'BASE TABLE' THEN 'table' ELSE 'view' END AS type, remarks AS holds"
                + " FROM information_schema.tables WHERE table_schema = 'PUBLIC' AND table_name <> 'flyway_schema_history'"
                + " ORDER BY type, name");
        return 0;
    }
}
