package io.syswire.ops;

import io.syswire.config.Config;
import io.syswire.event.ProcessInfo;
import io.syswire.kernel.SyscallTable;
import io.syswire.machine.MachineListener;
import io.syswire.machine.StateMachine;
import io.syswire.machine.Trace;
import io.syswire.machine.Transition;
import io.syswire.pipeline.Source;

import java.io.IOException;

/**
 * A dry run of the state machine over the whole input, storing nothing. Only a scope with a
 * regular expression can make the machine refuse input (its work is bounded, see
 * {@link io.syswire.config.Scope}); with one, import and replay rehearse first, so that a
 * refusal comes before the case is opened for writing and leaves it byte for byte as it was.
 */
final class Rehearsal {
    private Rehearsal() {
    }

    static void ifScopeCanFail(Config config, SyscallTable table, Source source) throws IOException {
        if (config == null || !config.scope().hasRegex()) {
            return;
        }
        StateMachine machine = new StateMachine(config, table, new MachineListener() {
            @Override
            public void transition(Transition t) {
            }

            @Override
            public void traceClosed(Trace t) {
            }

            @Override
            public void processSeen(int procNo, ProcessInfo p, long ts) {
            }

            @Override
            public void imageStarted(int procNo, ProcessInfo p, long ts) {
            }

            @Override
            public void processExited(int procNo, ProcessInfo p, long ts, Integer code) {
            }
        });
        long[] seq = {0};
        source.drain(e -> machine.apply(e, ++seq[0]));
        machine.finish();
    }
}
