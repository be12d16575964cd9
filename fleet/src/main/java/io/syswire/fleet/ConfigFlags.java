package io.syswire.fleet;

import io.syswire.config.Setting;
import io.syswire.config.Settings;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * The configuration overrides of a fleet replay: the same flags as every syswire command that
 * runs the state machine (query-shell's ConfigOptions; the fleet module does not carry the
 * shell), each on top of the run's own configuration.
 */
public final class ConfigFlags {
    @Option(names = "--task", paramLabel = "TASK", description = "overrides as a task string: syswire|maxtrace:20")
    String task;

    @Option(names = "--capabilities", paramLabel = "CAPS", description = "capabilities counted as elevated, +-separated")
    String capabilities;

    @Option(names = "--tripwires", paramLabel = "SYSCALLS", description = "syscalls that can start a trace, +-separated")
    String tripwires;

    @Option(names = "--context", paramLabel = "SYSCALLS", description = "syscalls recorded while a trace runs, +-separated")
    String context;

    @Option(names = {"--maxtrace", "--max-trace", "--max_trace"}, paramLabel = "N", description = "context events before a trace closes")
    String maxtrace;

    @Option(names = "--maxage", paramLabel = "SECONDS", description = "how long a process stays in a state before it ages off")
    String maxage;

    @Option(names = "--evictrate", paramLabel = "SECONDS", description = "seconds between age sweeps")
    String evictrate;

    @Option(names = "--meta", paramLabel = "FIELDS", description = "metadata published with each trace, +-separated")
    String meta;

    @Option(names = {"-c", "--condition"}, paramLabel = "CONDITION", description = "scope condition (as record -c); repeat or join with ,")
    List<String> conditions;

    public Settings settings() {
        Settings s = task != null ? Settings.parseTask(task) : Settings.none();
        return s.with(Setting.CAPABILITIES, capabilities)
                .with(Setting.TRIPWIRES, tripwires)
                .with(Setting.CONTEXT, context)
                .with(Setting.MAXTRACE, maxtrace)
                .with(Setting.MAXAGE, maxage)
                .with(Setting.EVICTRATE, evictrate)
                .with(Setting.META, meta)
                .withScope(conditions);
    }
}
