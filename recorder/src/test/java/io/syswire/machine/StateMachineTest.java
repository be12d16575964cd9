package io.syswire.machine;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.syswire.Events.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The syswire state machine, transition by transition (SPEC.md, "The state machine"). */
class StateMachineTest {
    /** Elevated: cap_net_raw. Tripwire: socket. Context: sendto, close. */
    static final String TASK = "syswire|capabilities:cap_net_raw;tripwires:socket;context:sendto+close;maxtrace:2;maxage:5;evictrate:5";

    @Nested
    @DisplayName("a tripwire from Unknown is judged on the calling thread's credentials")
    class Judgement {
        @Test
        void elevatedEffectiveOpensATraceWithTheCallAsItsTripwire() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NET_RAW, NET_RAW));
            assertEquals(List.of("0.100 pid 100 Unknown -> Tracing (tripwire socket)",
                    "0.100 pid 100 Tracing -> Traced (end)"), r.transitionLines());
            assertEquals(List.of("trace 1 pid 100: socket [] end"), r.traceLines());
        }

        @Test
        void elevatedOnlyPermittedIsDormant() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NONE, NET_RAW));
            assertEquals(List.of("0.100 pid 100 Unknown -> Dormant (tripwire socket)"), r.transitionLines());
            assertTrue(r.traces.isEmpty());
        }

        @Test
        void elevatedNeitherEffectiveNorPermittedIsBenign() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NONE, NONE));
            assertEquals(List.of("0.100 pid 100 Unknown -> Benign (tripwire socket)"), r.transitionLines());
        }

        @Test
        void capabilitiesOutsideTheElevatedSetDoNotCount() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", ALL & ~NET_RAW, ALL & ~NET_RAW));
            assertEquals(List.of("0.100 pid 100 Unknown -> Benign (tripwire socket)"), r.transitionLines());
        }

        @Test
        void anyOfSeveralElevatedCapabilitiesIsEnough() {
            MachineRun r = MachineRun.of(TASK.replace("cap_net_raw", "cap_net_raw+cap_sys_ptrace"),
                    call(0.1, 100, "socket", SYS_PTRACE, SYS_PTRACE));
            assertEquals("0.100 pid 100 Unknown -> Tracing (tripwire socket)", r.transitionLines().get(0));
        }

        @Test
        void theJudgedCredentialsAreRecordedOnTheTransition() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NONE, NET_RAW));
            Transition t = r.transitions.get(0);
            assertEquals(NONE, t.capEffective());
            assertEquals(NET_RAW, t.capPermitted());
            assertEquals(1, t.rawSeq());
        }

        @Test
        void syscallsThatAreNotTripwiresStartNothing() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "sendto", NET_RAW, NET_RAW),
                    call(0.2, 100, "openat", NET_RAW, NET_RAW));
            assertTrue(r.transitions.isEmpty());
        }
    }

    @Nested
    @DisplayName("Benign and Dormant are judged again on every tripwire")
    class Rejudgement {
        @Test
        void dormantProcessThatRaisesTheCapabilityStartsTracing() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NONE, NET_RAW),
                    call(0.2, 100, "capset", NONE, NET_RAW),
                    call(0.3, 100, "socket", NET_RAW, NET_RAW));
            assertEquals(List.of("0.100 pid 100 Unknown -> Dormant (tripwire socket)",
                    "0.300 pid 100 Dormant -> Tracing (tripwire socket)",
                    "0.300 pid 100 Tracing -> Traced (end)"), r.transitionLines());
        }


        @Test
        void dormantProcessThatDropsThePermittedSetBecomesBenign() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NONE, NET_RAW),
                    call(0.2, 100, "socket", NONE, NONE));
            assertEquals("0.200 pid 100 Dormant -> Benign (tripwire socket)", r.transitionLines().get(1));
        }

        @Test
        void judgedIntoTheSameStateIsNoTransitionAndTheAgeKeepsRunning() {
            // maxage 7: at the sweep at 10 the age from 0.5 is 9.5 (aged off); from 4.9 it would be 5.1
            MachineRun r = MachineRun.of(TASK.replace("maxage:5", "maxage:7"), tick(0.0),
                    call(0.5, 100, "socket", NONE, NONE),
                    call(4.9, 100, "socket", NONE, NONE), // still Benign: no new transition, no new age
                    tick(10.0));
            assertEquals(List.of("0.500 pid 100 Unknown -> Benign (tripwire socket)",
                    "10.000 pid 100 Benign -> Unknown (maxage)"), r.transitionLines());
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void aLongGapWithATinyEvictrateAgesProcessesOffAtTheRightSweepsWithoutRunningTheIdleOnes() {
        // 30 days at one sweep per millisecond: 2.6 billion sweeps due, of which three change anything
        MachineRun r = MachineRun.of(TASK.replace("evictrate:5", "evictrate:1ms"), tick(0.0),
                call(0.5, 100, "socket", NONE, NONE),
                call(1.0, 200, "socket", NET_RAW, NET_RAW),
                tick(30 * 86_400.0));
        assertEquals(List.of("0.500 pid 100 Unknown -> Benign (tripwire socket)",
                "1.000 pid 200 Unknown -> Tracing (tripwire socket)",
                "5.501 pid 100 Benign -> Unknown (maxage)",
                "6.001 pid 200 Tracing -> Traced (maxage)",
                "11.002 pid 200 Traced -> Unknown (maxage)"), r.transitionLines());
    }

    @Nested
    @DisplayName("an exec starts a new image: Benign, Dormant and Traced end, Tracing goes on")
    class Exec {
        @Test
        void benignEndsAtExecAndTheNewImageIsJudgedAfresh() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NONE, NONE),
                    exec(0.2, 100, "setuid-helper"),
                    call(0.3, 100, "socket", NET_RAW, NET_RAW));
            assertEquals(List.of("0.100 pid 100 Unknown -> Benign (tripwire socket)",
                    "0.200 pid 100 Benign -> Unknown (exec)",
                    "0.300 pid 100 Unknown -> Tracing (tripwire socket)",
                    "0.300 pid 100 Tracing -> Traced (end)"), r.transitionLines());
            assertEquals("setuid-helper", r.traces.get(0).process().name());
        }

        @Test
        void dormantEndsAtExec() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NONE, NET_RAW),
                    exec(0.2, 100, "other"));
            assertEquals(List.of("0.100 pid 100 Unknown -> Dormant (tripwire socket)",
                    "0.200 pid 100 Dormant -> Unknown (exec)"), r.transitionLines());
        }

        @Test
        void tracedCoolDownEndsAtExecSoTheNewImageCanBeTraced() {
            // the launcher (still root) trips and is traced; it execs ping, which trips with
            // cap_net_raw from its file capability: that is a second trace, of ping
            MachineRun r = MachineRun.of(TASK.replace("maxtrace:2", "maxtrace:0"),
                    process(0.0, 100, "setpriv"),
                    call(0.1, 100, "socket", ALL, ALL),
                    exec(0.2, 100, "ping"),
                    call(0.3, 100, "socket", NET_RAW, NET_RAW));
            assertEquals(List.of("0.100 pid 100 Unknown -> Tracing (tripwire socket)",
                    "0.100 pid 100 Tracing -> Traced (maxtrace)",
                    "0.200 pid 100 Traced -> Unknown (exec)",
                    "0.300 pid 100 Unknown -> Tracing (tripwire socket)",
                    "0.300 pid 100 Tracing -> Traced (maxtrace)"), r.transitionLines());
            assertEquals(List.of("setpriv", "ping"), r.traces.stream().map(t -> t.process().name()).toList());
            assertEquals(List.of("/usr/bin/setpriv", "/usr/bin/ping"),
                    r.traces.stream().map(t -> t.process().exe()).toList());
            assertEquals(List.of("setpriv --flag", "ping"), r.traces.stream().map(t -> t.process().cmd()).toList());
        }

        @Test
        void theExecTransitionNamesTheImageWhoseVerdictEnded() {
            MachineRun r = MachineRun.of(TASK, process(0.0, 100, "setpriv"), call(0.1, 100, "socket", NONE, NONE),
                    exec(0.2, 100, "ping"));
            assertEquals("setpriv", r.transitions.get(1).processName());
            assertEquals(Cause.EXEC, r.transitions.get(1).cause());
        }

        @Test
        void aTracingProcessKeepsTracingAndTheTraceListsTheNewImage() {
            MachineRun r = MachineRun.of(TASK, process(0.0, 100, "launcher"),
                    call(0.1, 100, "socket", NET_RAW, NET_RAW),
                    exec(0.2, 100, "ping"),
                    call(0.3, 100, "sendto", NET_RAW, NET_RAW),
                    call(0.4, 100, "close", NET_RAW, NET_RAW));
            assertEquals(List.of("0.100 pid 100 Unknown -> Tracing (tripwire socket)",
                    "0.400 pid 100 Tracing -> Traced (maxtrace)"), r.transitionLines());
            Trace t = r.traces.get(0);
            assertEquals("launcher", t.process().name(), "process is the image that made the tripwire call");
            assertEquals(List.of(new Image(at(0.2), "ping", "/usr/bin/ping", "ping")), t.execs());
        }

        @Test
        void anExecOfAnUntrackedProcessChangesNoState() {
            MachineRun r = MachineRun.of(TASK, exec(0.2, 100, "ping"), call(0.3, 100, "socket", NONE, NONE));
            assertEquals(List.of("0.300 pid 100 Unknown -> Benign (tripwire socket)"), r.transitionLines());
        }
    }

    @Nested
    @DisplayName("a trace carries the ancestry the run knows")
    class Ancestry {
        @Test
        void parentImagesNearestFirstUpToTheOldestKnown() {
            MachineRun r = MachineRun.of(TASK, process(0.0, 10, "bash"), fork(0.1, 10, 20), exec(0.15, 20, 10, "setpriv"),
                    fork(0.2, 20, 30), exec(0.25, 30, 20, "ping"), call(0.3, 30, "socket", NET_RAW, NET_RAW));
            Trace t = r.traces.get(0);
            assertEquals(List.of("setpriv", "bash"), t.ancestry().stream().map(p -> p.name()).toList());
            assertEquals(List.of(20, 10), t.ancestry().stream().map(p -> p.pid()).toList());
        }

        @Test
        void aParentThatExitedBeforeTheTripwireIsStillNamed() {
            MachineRun r = MachineRun.of(TASK, process(0.0, 10, "sh"), fork(0.1, 10, 20), exit(0.15, 10),
                    call(0.3, 20, "socket", NET_RAW, NET_RAW));
            assertEquals(List.of("sh"), r.traces.get(0).ancestry().stream().map(p -> p.name()).toList());
        }

        @Test
        void aParentThatStartedAfterItsChildIsAReusedPidAndEndsTheChain() {
            MachineRun r = MachineRun.of(TASK, fork(0.1, 10, 20), exit(0.15, 10),
                    new io.syswire.event.ProcessEvent(at(0.2), false, new io.syswire.event.ProcessInfo(10, at(0.2), 1,
                            "newcomer", null, null, null, null, null, null)),
                    call(0.3, 20, "socket", NET_RAW, NET_RAW));
            assertTrue(r.traces.get(0).ancestry().isEmpty());
        }
    }

    @Nested
    @DisplayName("while Tracing")
    class Tracing {
        @Test
        void contextSyscallsAreAppendedUntilMaxtraceThenTheProcessIsTraced() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NET_RAW, NET_RAW),
                    call(0.2, 100, "sendto", NET_RAW, NET_RAW),
                    call(0.3, 100, "close", NET_RAW, NET_RAW),
                    call(0.4, 100, "sendto", NET_RAW, NET_RAW));
            assertEquals(List.of("trace 1 pid 100: socket [sendto, close] maxtrace"), r.traceLines());
            assertEquals("0.300 pid 100 Tracing -> Traced (maxtrace)", r.transitionLines().get(1));
        }

        @Test
        void syscallsOutsideTripwiresAndContextAreNotRecorded() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NET_RAW, NET_RAW),
                    call(0.2, 100, "openat", NET_RAW, NET_RAW),
                    call(0.3, 100, "sendto", NET_RAW, NET_RAW));
            assertEquals(List.of("trace 1 pid 100: socket [sendto] end"), r.traceLines());
        }

        @Test
        void aTripwireWhileTracingIsContextToo() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NET_RAW, NET_RAW),
                    call(0.2, 100, "socket", NET_RAW, NET_RAW));
            assertEquals(List.of("trace 1 pid 100: socket [socket] end"), r.traceLines());
        }

        @Test
        void contextKeepsBeingRecordedAfterTheCapabilityIsDropped() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NET_RAW, NET_RAW),
                    call(0.2, 100, "sendto", NONE, NONE));
            assertEquals(List.of("trace 1 pid 100: socket [sendto] end"), r.traceLines());
        }

        @Test
        void maxtraceZeroGivesATraceWithOnlyTheTripwire() {
            MachineRun r = MachineRun.of(TASK.replace("maxtrace:2", "maxtrace:0"),
                    call(0.1, 100, "socket", NET_RAW, NET_RAW), call(0.2, 100, "sendto", NET_RAW, NET_RAW));
            assertEquals(List.of("trace 1 pid 100: socket [] maxtrace"), r.traceLines());
            assertEquals(List.of("0.100 pid 100 Unknown -> Tracing (tripwire socket)",
                    "0.100 pid 100 Tracing -> Traced (maxtrace)"), r.transitionLines());
        }

        @Test
        void contextFromAProcessThatIsNotTracingIsIgnored() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NONE, NET_RAW),
                    call(0.2, 100, "sendto", NET_RAW, NET_RAW));
            assertTrue(r.traces.isEmpty());
        }

        @Test
        void eachTraceEventKeepsItsRawSequenceNumber() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NET_RAW, NET_RAW),
                    call(0.15, 100, "openat", NET_RAW, NET_RAW), call(0.2, 100, "sendto", NET_RAW, NET_RAW));
            assertEquals(1, r.traces.get(0).tripwire().rawSeq());
            assertEquals(3, r.traces.get(0).context().get(0).rawSeq());
        }
    }

    @Nested
    @DisplayName("Traced is a cool-down")
    class Traced {
        @Test
        void tripwiresAreIgnoredUntilTheProcessAgesOff() {
            MachineRun r = MachineRun.of(TASK.replace("maxtrace:2", "maxtrace:0"),
                    call(0.1, 100, "socket", NET_RAW, NET_RAW),
                    call(1.0, 100, "socket", NET_RAW, NET_RAW), // Traced: ignored
                    tick(10.1), // t0 = 0.1; sweep at 10.1: Traced since 0.1, older than 5 -> Unknown
                    call(10.5, 100, "socket", NET_RAW, NET_RAW));
            assertEquals(List.of("trace 1 pid 100: socket [] maxtrace", "trace 2 pid 100: socket [] maxtrace"),
                    r.traceLines());
            assertEquals("10.100 pid 100 Traced -> Unknown (maxage)", r.transitionLines().get(2));
        }
    }

    @Nested
    @DisplayName("sweeps run every evictrate seconds of event time and age off after maxage")
    class Sweeps {
        @Test
        void sweepsAreDueAtTheFirstRecordTimePlusMultiplesOfEvictrate() {
            // t0 = 0.2 (first record), sweeps at 5.2, 10.2, ...: Benign since 0.3 is 5.9 old at 6.2? no sweep then.
            MachineRun r = MachineRun.of(TASK, tick(0.2), call(0.3, 100, "socket", NONE, NONE),
                    tick(6.0), tick(10.1), tick(10.2));
            assertEquals(List.of("0.300 pid 100 Unknown -> Benign (tripwire socket)",
                    "10.200 pid 100 Benign -> Unknown (maxage)"), r.transitionLines());
        }

        @Test
        void anAgeOfExactlyMaxageIsNotAgedOff() {
            MachineRun r = MachineRun.of(TASK, call(0.0, 100, "socket", NONE, NONE), tick(5.0), tick(9.0));
            assertEquals(1, r.transitions.size(), "at the sweep at 5 the age is exactly 5, not more");
        }

        @Test
        void aSweepRunsBeforeTheRecordThatFallsAtItsDueTime() {
            MachineRun r = MachineRun.of(TASK, call(0.0, 100, "socket", NONE, NET_RAW),
                    call(10.0, 100, "socket", NET_RAW, NET_RAW)); // sweep at 10 makes it Unknown first
            assertEquals(List.of("0.000 pid 100 Unknown -> Dormant (tripwire socket)",
                    "10.000 pid 100 Dormant -> Unknown (maxage)",
                    "10.000 pid 100 Unknown -> Tracing (tripwire socket)",
                    "10.000 pid 100 Tracing -> Traced (end)"), r.transitionLines());
        }

        @Test
        void benignDormantAndTracedAgeOffToUnknown() {
            MachineRun r = MachineRun.of(TASK.replace("maxtrace:2", "maxtrace:0"),
                    call(0.0, 100, "socket", NONE, NONE), call(0.0, 200, "socket", NONE, NET_RAW),
                    call(0.0, 300, "socket", NET_RAW, NET_RAW), tick(10.0));
            assertEquals(List.of("10.000 pid 100 Benign -> Unknown (maxage)", "10.000 pid 200 Dormant -> Unknown (maxage)",
                    "10.000 pid 300 Traced -> Unknown (maxage)"), r.transitionLines().subList(4, 7));
        }

        @Test
        void aTraceOlderThanMaxageClosesAndTheProcessBecomesTraced() {
            MachineRun r = MachineRun.of(TASK, call(0.0, 100, "socket", NET_RAW, NET_RAW),
                    call(1.0, 100, "sendto", NET_RAW, NET_RAW), tick(10.0), call(11.0, 100, "sendto", NET_RAW, NET_RAW),
                    tick(20.0));
            assertEquals(List.of("trace 1 pid 100: socket [sendto] maxage"), r.traceLines());
            assertEquals(List.of("0.000 pid 100 Unknown -> Tracing (tripwire socket)",
                    "10.000 pid 100 Tracing -> Traced (maxage)",
                    "20.000 pid 100 Traced -> Unknown (maxage)"), r.transitionLines());
        }

        @Test
        void sweepsThatFellDuringAGapAllRunInOrder() {
            MachineRun r = MachineRun.of(TASK.replace("maxage:5", "maxage:1"),
                    call(0.0, 100, "socket", NET_RAW, NET_RAW), tick(30.0));
            assertEquals(List.of("0.000 pid 100 Unknown -> Tracing (tripwire socket)",
                    "5.000 pid 100 Tracing -> Traced (maxage)",
                    "10.000 pid 100 Traced -> Unknown (maxage)"), r.transitionLines());
        }

        @Test
        void aRecordWithAnEarlierTimestampNeverMovesTimeBackwards() {
            MachineRun r = MachineRun.of(TASK, call(0.0, 100, "socket", NONE, NONE), tick(10.0),
                    call(4.0, 200, "socket", NONE, NONE), tick(12.0));
            assertEquals(List.of("0.000 pid 100 Unknown -> Benign (tripwire socket)",
                    "10.000 pid 100 Benign -> Unknown (maxage)",
                    "4.000 pid 200 Unknown -> Benign (tripwire socket)"), r.transitionLines());
        }
    }

    @Nested
    @DisplayName("a process that exits is closed")
    class Exit {
        @Test
        void exitClosesAnOpenTraceAndTheProcessBecomesUnknown() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NET_RAW, NET_RAW),
                    call(0.2, 100, "sendto", NET_RAW, NET_RAW), exit(0.3, 100));
            assertEquals(List.of("trace 1 pid 100: socket [sendto] exit"), r.traceLines());
            assertEquals("0.300 pid 100 Tracing -> Unknown (exit)", r.transitionLines().get(1));
        }

        @Test
        void exitOfABenignProcessForgetsIt() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NONE, NONE), exit(0.2, 100),
                    call(0.3, 100, "socket", NONE, NONE));
            assertEquals(List.of("0.100 pid 100 Unknown -> Benign (tripwire socket)",
                    "0.200 pid 100 Benign -> Unknown (exit)",
                    "0.300 pid 100 Unknown -> Benign (tripwire socket)"), r.transitionLines());
        }

        @Test
        void exitOfAProcessWithoutARecordChangesNothing() {
            MachineRun r = MachineRun.of(TASK, exit(0.2, 100));
            assertTrue(r.transitions.isEmpty());
        }

        @Test
        void aPidSeenAgainWithANewStartTimeIsANewProcess() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, 100, at(0.05), "socket", NET_RAW, NET_RAW),
                    call(0.2, 100, 100, at(0.15), "socket", NONE, NONE));
            assertEquals(List.of("0.100 pid 100 Unknown -> Tracing (tripwire socket)",
                    "0.200 pid 100 Tracing -> Unknown (exit)",
                    "0.200 pid 100 Unknown -> Benign (tripwire socket)"), r.transitionLines());
            assertEquals(List.of("trace 1 pid 100: socket [] exit"), r.traceLines());
        }

        @Test
        void aForkOfAPidStillKnownMeansItsOldProcessIsGone() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NET_RAW, NET_RAW), fork(0.2, 1, 100));
            assertEquals(List.of("trace 1 pid 100: socket [] exit"), r.traceLines());
        }
    }

    @Nested
    @DisplayName("threads")
    class Threads {
        @Test
        void theCallingThreadsCredentialsAreJudgedAndStateIsPerProcess() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, 100, "socket", NONE, NET_RAW),
                    call(0.2, 100, 101, "socket", NET_RAW, NET_RAW),
                    call(0.3, 100, 100, "sendto", NONE, NET_RAW));
            assertEquals(List.of("0.100 pid 100 Unknown -> Dormant (tripwire socket)",
                    "0.200 pid 100 Dormant -> Tracing (tripwire socket)",
                    "0.300 pid 100 Tracing -> Traced (end)"), r.transitionLines());
            assertEquals(List.of("trace 1 pid 100: socket [sendto] end"), r.traceLines());
            assertEquals(101, r.traces.get(0).tripwire().tid());
            assertEquals(100, r.traces.get(0).context().get(0).tid());
        }
    }

    @Nested
    @DisplayName("the end of the log")
    class End {
        @Test
        void tracesStillOpenCloseWithReasonEndAtTheLastEventTime() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NET_RAW, NET_RAW), tick(3.0));
            assertEquals(List.of("trace 1 pid 100: socket [] end"), r.traceLines());
            assertEquals(at(3.0), r.traces.get(0).closedTs());
        }
    }

    @Nested
    @DisplayName("scope")
    class Scope {
        @Test
        void processesOutsideTheScopeAreNeverTracked() {
            var config = io.syswire.config.Settings.parseTask(TASK).withScope(List.of("process.name:~^ping"))
                    .resolve(io.syswire.kernel.SyscallTable.x86_64());
            MachineRun r = MachineRun.of(config, process(0.0, 100, "curl"), process(0.0, 200, "pinger"),
                    call(0.1, 100, "socket", NET_RAW, NET_RAW), call(0.2, 200, "socket", NET_RAW, NET_RAW));
            assertEquals(List.of("0.200 pid 200 Unknown -> Tracing (tripwire socket)",
                    "0.200 pid 200 Tracing -> Traced (end)"), r.transitionLines());
        }

        @Test
        void containerConditionsMatchTheProcessContainer() {
            var config = io.syswire.config.Settings.parseTask(TASK).withScope(List.of("container.id:4f1e2a9c0b7d"))
                    .resolve(io.syswire.kernel.SyscallTable.x86_64());
            MachineRun r = MachineRun.of(config, container(0.0, 100, "ping", "4f1e2a9c0b7d5e3f", "web"),
                    process(0.0, 200, "ping"),
                    call(0.1, 100, "socket", NET_RAW, NET_RAW), call(0.2, 200, "socket", NET_RAW, NET_RAW));
            assertEquals(List.of("trace 1 pid 100: socket [] end"), r.traceLines());
        }
    }

    @Nested
    @DisplayName("events the kernel could not deliver")
    class Lost {
        @Test
        void markEveryTraceOpenAtThatMomentIncomplete() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NET_RAW, NET_RAW),
                    call(0.1, 200, "socket", NET_RAW, NET_RAW), call(0.2, 200, "sendto", NET_RAW, NET_RAW),
                    call(0.3, 200, "close", NET_RAW, NET_RAW), // trace 2 closed before the loss
                    lost(0.4, 7), call(0.5, 100, "sendto", NET_RAW, NET_RAW));
            assertEquals(List.of("trace 2 pid 200: socket [sendto, close] maxtrace",
                    "trace 1 pid 100: socket [sendto] end incomplete(7)"), r.traceLines());
            assertEquals(7, r.machine.stats().lostEvents());
        }
    }

    @Nested
    @DisplayName("process metadata")
    class Metadata {
        @Test
        void aTracePublishesTheProcessAsItWasAtTheTripwire() {
            MachineRun r = MachineRun.of(TASK, process(0.0, 100, "pinger"), call(0.1, 100, "socket", NET_RAW, NET_RAW),
                    exec(0.2, 100, "other"));
            assertEquals("pinger", r.traces.get(0).process().name());
            assertEquals("/usr/bin/pinger", r.traces.get(0).process().exe());
            assertFalse(r.traces.get(0).process().hasStartTime());
        }

        @Test
        void withoutMetadataTheCommOfTheSyscallNamesTheProcess() {
            MachineRun r = MachineRun.of(TASK, call(0.1, 100, "socket", NET_RAW, NET_RAW));
            assertEquals("p100", r.traces.get(0).process().name());
        }
    }
}
