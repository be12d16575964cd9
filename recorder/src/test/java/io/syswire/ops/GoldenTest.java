package io.syswire.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.syswire.config.Settings;
import io.syswire.kernel.SyscallTable;
import io.syswire.output.Json;
import io.syswire.store.CaseFile;
import io.syswire.store.CaseStore;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Golden cases: each samples/golden/NAME.json names a sample raw log and a task, and holds the
 * traces and transitions that log and task must give. Run with -Dsyswire.golden.update=true to
 * rewrite them after a deliberate change, and review the diff.
 */
class GoldenTest {
    static final Path GOLDEN = Path.of("../samples/golden");
    static final boolean UPDATE = Boolean.getBoolean("syswire.golden.update");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> samplesGiveTheirGoldenTracesAndTransitions() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(GOLDEN)) {
            cases = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        return cases.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> check(p)));
    }

    private void check(Path golden) throws IOException {
        ObjectNode g = (ObjectNode) Json.TREE.readTree(golden.toFile());
        Path log = GOLDEN.resolve(g.get("log").asText());
        SyscallTable table = SyscallTable.x86_64();
        Path db = dir.resolve(golden.getFileName() + ".db");
        try (CaseStore store = CaseFile.at(db).create()) {
            RunOutcome run = Importer.run(store, Files.newBufferedReader(log), log.toString(),
                    Settings.parseTask(g.get("task").asText()), table);
            JsonNode traces = export(store, run, Exporter.What.TRACES, table);
            JsonNode transitions = export(store, run, Exporter.What.TRANSITIONS, table);
            if (UPDATE) {
                g.set("traces", traces);
                g.set("transitions", transitions);
                Files.writeString(golden, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(g) + "\n");
                return;
            }
            assertEquals(g.get("transitions"), transitions, golden + ": transitions");
            assertEquals(g.get("traces"), traces, golden + ": traces");
        }
    }

    private static JsonNode export(CaseStore store, RunOutcome run, Exporter.What what, SyscallTable table) throws IOException {
        StringWriter w = new StringWriter();
        Exporter.export(store, store.resolveRun(run.runId()), what, Exporter.Format.JSON, w, table);
        JsonNode n = Json.TREE.readTree(w.toString());
        for (JsonNode row : n) {
            ((ObjectNode) row).remove("run_id"); // the only thing that depends on the case it lands in
        }
        return n;
    }
}
