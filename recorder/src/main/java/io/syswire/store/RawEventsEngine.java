package io.syswire.store;

import org.h2.api.TableEngine;
import org.h2.command.ddl.CreateTableData;
import org.h2.table.Table;

/**
 * The table engine behind {@code raw_events} (bound by migration V6): rows decoded from
 * {@code raw_blocks}, with indexes that skip the blocks a condition rules out. It reads the
 * case's own tables only and takes no parameters: whatever a case file says, this engine
 * serves raw_events and nothing else ({@link RawEventsTable}).
 */
public final class RawEventsEngine implements TableEngine {
    @Override
    public Table createTable(CreateTableData data) {
        return new RawEventsTable(data);
    }
}
