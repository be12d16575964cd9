package io.syswire.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.syswire.config.Config;
import io.syswire.config.Settings;
import io.syswire.kernel.SyscallSet;
import io.syswire.kernel.SyscallTable;
import io.syswire.ops.CaseTarget;
import io.syswire.ops.LiveRecording;
import io.syswire.ops.StopOn;
import io.syswire.ops.RunOutcome;
import io.syswire.output.Json;
import io.syswire.store.CaseFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real recording for a test: starts the kernel program, runs scenario programs while it
 * records, stops, and leaves a case file. Scenario programs print one JSON line with their pid.
 */
final class Recording {
    static final SyscallTable TABLE = SyscallTable.x86_64();

    final Path file;
    final RunOutcome outcome;
    final List<JsonNode> scenarios;

    private Recording(Path file, RunOutcome outcome, List<JsonNode> scenarios) {
        this.file = file;
        this.outcome = outcome;
        this.scenarios = scenarios;
    }

    static LiveOptions options(String task) {
        Config c = Settings.parseTask(task).resolve(TABLE);
        return new LiveOptions(c, c.watched(), false, LiveOptions.defaultBudgetEvents(c), LiveOptions.defaultBudgetTime(c),
                LiveOptions.DEFAULT_RING_BYTES, null);
    }

    static Recording of(Path file, String task, List<List<String>> commands) throws Exception {
        return of(file, options(task), o -> o, commands);
    }

    /** Records with the options (adjusted by {@code tweak}) while each command runs, one after the other. */
    static Recording of(Path file, LiveOptions base, UnaryOperator<LiveOptions> tweak, List<List<String>> commands) throws Exception {
        LiveKernel.require();
        LiveOptions options = tweak.apply(base);
        LiveEnvironment env = LiveEnvironment.local();
        List<JsonNode> results = new ArrayList<>();
        AtomicReference<Object> done = new AtomicReference<>();
        LiveRecording recording = LiveRecording.start(CaseTarget.of(CaseFile.at(file), false), options, "test", TABLE, null,
                env, StopOn.NOTHING);
        try (recording) {
            Thread recorder = new Thread(() -> {
                try {
                    done.set(recording.run((p, m) -> { }));
                } catch (Throwable t) {
                    done.set(t);
                }
            }, "recording");
            recorder.start();
            for (List<String> cmd : commands) {
                results.add(run(cmd));
            }
            Thread.sleep(300); // past the reorder window and one poll
            recording.stop();
            recorder.join(Duration.ofSeconds(30).toMillis());
        }
        if (done.get() instanceof Throwable t) {
            throw new AssertionError("recording failed", t);
        }
        return new Recording(file, (RunOutcome) done.get(), results);
    }

    static JsonNode run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), cmd + " exited with " + p.exitValue() + ": " + out);
        String last = out.lines().reduce((a, b) -> b).orElse("{}");
        return Json.TREE.readTree(last);
    }

    static List<String> scenario(String name, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(LiveKernel.scenario(name).toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    static SyscallSet all() {
        return SyscallSet.all(TABLE).withTracepoints(TABLE);
    }
}
