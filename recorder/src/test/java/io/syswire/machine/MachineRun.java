package io.syswire.machine;

import io.syswire.Events;
import io.syswire.config.Config;
import io.syswire.config.Settings;
import io.syswire.event.ProcessInfo;
import io.syswire.event.RawEvent;
import io.syswire.kernel.SyscallTable;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs a state machine over events and keeps what it decided, rendered as short strings:
 * transitions as {@code "0.100 pid 100 Unknown -> Tracing (tripwire socket)"}, traces as
 * {@code "trace 1 pid 100: socket [sendto, close] maxtrace"}.
 */
public final class MachineRun implements MachineListener {
    public final List<Transition> transitions = new ArrayList<>();
    public final List<Trace> traces = new ArrayList<>();
    public final List<ProcessInfo> processes = new ArrayList<>();
    public final StateMachine machine;

    private MachineRun(Config config) {
        this.machine = new StateMachine(config, SyscallTable.x86_64(), this);
    }

    public static MachineRun of(String task, RawEvent... events) {
        return of(Settings.parseTask(task).resolve(SyscallTable.x86_64()), events);
    }

    public static MachineRun of(Config config, RawEvent... events) {
        MachineRun r = new MachineRun(config);
        long seq = 0;
        for (RawEvent e : events) {
            r.machine.apply(e, ++seq);
        }
        r.machine.finish();
        return r;
    }

    public List<String> transitionLines() {
        return transitions.stream().map(MachineRun::line).collect(Collectors.toList());
    }

    public List<String> traceLines() {
        return traces.stream().map(MachineRun::line).collect(Collectors.toList());
    }

    static String line(Transition t) {
        return Events.rel(t.ts()) + " pid " + t.pid() + " " + t.from().label() + " -> " + t.to().label() + " ("
                + t.cause().label() + (t.syscall() != null ? " " + t.syscall() : "") + ")";
    }

    static String line(Trace t) {
        return "trace " + t.traceId() + " pid " + t.process().pid() + ": " + t.tripwire().syscall() + " "
                + t.context().stream().map(TraceEvent::syscall).collect(Collectors.toList()) + " " + t.endReason().label()
                + (t.complete() ? "" : " incomplete(" + t.lostEvents() + ")");
    }

    @Override
    public void transition(Transition t) {
        transitions.add(t);
    }

    @Override
    public void traceClosed(Trace t) {
        traces.add(t);
    }

    @Override
    public void processSeen(int procNo, ProcessInfo p, long ts) {
        processes.add(p);
    }

    @Override
    public void imageStarted(int procNo, ProcessInfo p, long ts) {
        processes.add(p);
    }

    @Override
    public void processExited(int procNo, ProcessInfo p, long ts, Integer code) {
    }
}
