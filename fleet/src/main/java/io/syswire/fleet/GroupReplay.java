package io.syswire.fleet;

import io.syswire.BadInputException;

import io.syswire.config.Config;
import io.syswire.config.ConfigJson;
import io.syswire.event.RawEvent;
import io.syswire.kernel.SyscallTable;
import io.syswire.lake.LakePartition;
import io.syswire.lake.LakeTable;
import io.syswire.lake.ParquetTableWriter;
import io.syswire.lake.RawEventColumns;
import io.syswire.machine.MachineStats;
import io.syswire.machine.StateMachine;
import io.syswire.store.MachineRows;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.parquet.io.LocalOutputFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A task of the fleet job: its rows are whole (host, run) groups in seq order; each group runs
 * through a fresh {@link StateMachine}, syswire's own, with the group's planned configuration,
 * and what it decides is written to the output lake as that replay's partitions.
 */
final class GroupReplay implements MapPartitionsFunction<Row, ReplayOutcome> {
    private static final long serialVersionUID = 1L;
    /** Raw event columns, then host and run_id. */
    static final int WIDTH = RawEventColumns.WIDTH;
    static final List<LakeTable> WRITTEN = List.of(LakeTable.TRACES, LakeTable.TRACE_EVENTS, LakeTable.TRANSITIONS);

    private final Map<String, ReplayPlan> plans;
    private final String out;

    GroupReplay(Map<String, ReplayPlan> plansByParent, String out) {
        this.plans = plansByParent;
        this.out = out;
    }

    @Override
    public Iterator<ReplayOutcome> call(Iterator<Row> rows) throws IOException {
        SyscallTable table = SyscallTable.x86_64();
        RawEventColumns columns = new RawEventColumns(table);
        List<ReplayOutcome> done = new ArrayList<>();
        Group g = null;
        Object[] v = new Object[WIDTH];
        while (rows.hasNext()) {
            Row r = rows.next();
            String host = r.getString(WIDTH);
            int run = Integer.parseInt(r.getString(WIDTH + 1));
            if (g == null || !g.is(host, run)) {
                if (g != null) {
                    done.add(g.finish());
                }
                ReplayPlan plan = plans.get(ReplayPlan.key(host, run));
                if (plan == null) {
                    throw new BadInputException("raw events of run " + run + " of host " + host + " have no runs row in the lake");
                }
                g = new Group(plan, table);
            }
            for (int i = 0; i < WIDTH; i++) {
                v[i] = r.get(i);
            }
            g.accept(columns.event(v), (Long) v[0]);
        }
        if (g != null) {
            done.add(g.finish());
        }
        return done.iterator();
    }

    /** One replay in progress. */
    private final class Group {
        private final ReplayPlan plan;
        private final StateMachine machine;
        private final Map<LakeTable, ParquetTableWriter> writers = new EnumMap<>(LakeTable.class);
        private final long startedAt = System.currentTimeMillis() * 1_000_000L;
        private long events;
        private long firstTs = RawEvent.NO_TIME;
        private long lastTs = RawEvent.NO_TIME;

        Group(ReplayPlan plan, SyscallTable table) throws IOException {
            this.plan = plan;
            Config config = ConfigJson.settings(plan.configJson()).resolve(table);
            for (LakeTable t : WRITTEN) {
                Path dir = LakePartition.of(t, plan.host(), plan.runId()).under(Path.of(out));
                Files.createDirectories(dir);
                writers.put(t, new ParquetTableWriter(new LocalOutputFile(dir.resolve(LakePartition.FILE)), t));
            }
            this.machine = new StateMachine(config, table,
                    new MachineRows(config.meta(), (t, values) -> writers.get(t).writeUnchecked(values)));
        }

        boolean is(String host, int parentRunId) {
            return plan.host().equals(host) && plan.parentRunId() == parentRunId;
        }

        /** As the recorder does: the machine sees every event, with its number in the run. */
        void accept(RawEvent e, long seq) {
            events++;
            if (firstTs == RawEvent.NO_TIME) {
                firstTs = e.ts();
            }
            lastTs = Math.max(lastTs, e.ts());
            machine.apply(e, seq);
        }

        ReplayOutcome finish() throws IOException {
            machine.finish();
            for (ParquetTableWriter w : writers.values()) {
                w.close();
            }
            MachineStats s = machine.stats();
            return new ReplayOutcome(plan.host(), plan.parentRunId(), plan.runId(), events, firstTs, lastTs,
                    s.lostEvents(), s.traces(), s.transitions(), s.incompleteTraces(), startedAt,
                    System.currentTimeMillis() * 1_000_000L);
        }
    }

}
