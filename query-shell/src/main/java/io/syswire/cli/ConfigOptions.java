package io.syswire.cli;

import io.syswire.config.Setting;
import io.syswire.config.Settings;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * The configuration flags every command that runs the state machine takes: the seed's task
 * string and one flag per key; flags override the task string.
 */
public final class ConfigOptions {
    @Option(names = "--task", paramLabel = "TASK",
            description = "the whole configuration as a task string: syswire|capabilities:cap_net_raw;tripwires:socket;context:sendto;maxtrace:3")
    String task;

    @Option(names = "--capabilities", paramLabel = "CAPS", description = "capabilities counted as elevated, +-separated (cap_net_raw+cap_sys_ptrace)")
    String capabilities;

    @Option(names = "--tripwires", paramLabel = "SYSCALLS", description = "syscalls that can start a trace, +-separated")
    String tripwires;

    @Option(names = "--context", paramLabel = "SYSCALLS", description = "syscalls recorded while a trace runs, +-separated")
    String context;

    @Option(names = {"--maxtrace", "--max-trace", "--max_trace"}, paramLabel = "N", description = "context events before a trace closes (default 0)")
    String maxtrace;

    @Option(names = "--maxage", paramLabel = "SECONDS", description = "how long a process stays in a state before it ages off (default 5)")
    String maxage;

    @Option(names = "--evictrate", paramLabel = "SECONDS", description = "seconds between age sweeps (default 5)")
    String evictrate;

    @Option(names = "--meta", paramLabel = "FIELDS", description = "metadata published with each trace, +-separated (default process+container)")
    String meta;

    @Option(names = {"-c", "--condition"}, paramLabel = "CONDITION",
            description = "scope: process.pid:N, process.pid:*, process.name:~REGEX, process.name:NAME, container.id:ID, container.name:~REGEX; repeat or join with ,")
    List<String> conditions;

    /** The layers so far: the task string, with the flags on top. */
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
