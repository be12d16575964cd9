package io.syswire.config;

import io.syswire.BadInputException;
import io.syswire.kernel.Capability;
import io.syswire.kernel.SyscallTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task string and flags (SPEC.md configuration table; the seed's examples). */
class SettingsTest {
    static final SyscallTable TABLE = SyscallTable.x86_64();

    @Test
    void theSeedsThirdExampleParses() {
        Config c = Settings.parseTask("syswire|capabilities:cap_sys_ptrace+cap_net_raw;tripwires:ptrace+socket;"
                + "context:sendto+ioctl+process_vm_readv+process_vm_writev+ptrace;maxtrace:10;maxage:30").resolve(TABLE);
        assertEquals(Capability.SYS_PTRACE.mask() | Capability.NET_RAW.mask(), c.capabilities().mask());
        assertTrue(c.tripwires().contains(TABLE.byName("ptrace").nr()));
        assertEquals(5, c.context().size());
        assertEquals(10, c.maxTrace());
        assertEquals(Duration.ofSeconds(30), c.maxAge());
        assertEquals(Duration.ofSeconds(5), c.evictRate());
    }

    @Test
    void maxTraceIsAlsoSpelledMaxUnderscoreTrace() {
        Config c = Settings.parseTask("syswire|capabilities:cap_sys_ptrace;tripwires:capset;context:ptrace+read+write;max_trace:5")
                .resolve(TABLE);
        assertEquals(5, c.maxTrace());
    }

    @Test
    void defaultsFollowTheSpec() {
        Config c = Settings.parseTask("capabilities:net_raw;tripwires:socket").resolve(TABLE);
        assertEquals(0, c.maxTrace());
        assertEquals(Duration.ofSeconds(5), c.maxAge());
        assertTrue(c.context().isEmpty());
        assertEquals(Meta.DEFAULT, c.meta());
    }

    @Test
    void flagsOverrideTheTaskString() {
        Settings task = Settings.parseTask("syswire|capabilities:cap_net_raw;tripwires:socket;maxtrace:3");
        Config c = task.overriddenBy(Settings.none().with(Setting.MAXTRACE, "10")).resolve(TABLE);
        assertEquals(10, c.maxTrace());
    }

    @Test
    void aConfigurationSurvivesItsOwnTaskString() {
        Config c = Settings.parseTask("syswire|capabilities:cap_net_raw+cap_sys_ptrace;tripwires:socket;context:sendto+close;"
                + "maxtrace:3;maxage:1.5;evictrate:500ms;meta:process.name+pod.min").resolve(TABLE);
        assertEquals(c, Settings.parseTask(c.toTaskString(TABLE)).resolve(TABLE));
        assertEquals(c, ConfigJson.settings(ConfigJson.of(c, TABLE)).resolve(TABLE));
    }

    @Test
    void metaPrintsInOneOrderWhateverOrderItWasGivenIn() {
        assertEquals("process+container", Meta.DEFAULT.toString());
        assertEquals("process.name+pod.min", Meta.parse("pod.min+process.name").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            "syswire|capabilities:cap_net_rwa;tripwires:socket # unknown capability 'cap_net_rwa' (did you mean cap_net_raw?)",
            "syswire|capabilities:cap_net_raw;tripwires:sokcet # unknown syscall 'sokcet' (did you mean socket?)",
            "syswire|capabilities:cap_net_raw;tripwires:socket;maxtrac:3 # unknown task key 'maxtrac' (did you mean maxtrace?)",
            "syswire|capabilities:cap_net_raw;tripwires:socket;maxtrace:-1 # maxtrace '-1' is not a whole number >= 0",
            "syswire|capabilities:cap_net_raw;tripwires:socket;maxage:soon # maxage 'soon' is not a duration (e.g. 30, 30s, 500ms, 2m)",
            "syswire|capabilities:cap_net_raw;tripwires:socket;evictrate:0 # evictrate must be at least 1ms, not '0'",
            "syswire|capabilities:cap_net_raw;tripwires:socket;evictrate:0.000000001 # evictrate must be at least 1ms, not '0.000000001'",
            "syswire|capabilities:cap_net_raw;tripwires:socket;evictrate:1e-9 # evictrate '1e-9' is not a duration (e.g. 30, 30s, 500ms, 2m)",
            "syswire|capabilities:cap_net_raw;tripwires:socket;maxtrace:٣ # maxtrace '٣' is not a whole number >= 0",
            "syswire|capabilities:cap_net_raw;tripwires:socket;maxtrace:+3 # maxtrace '+3' is not a whole number >= 0",
            "syswire|capabilities:cap_net_raw;tripwires:socket;maxtrace:99999999999 # maxtrace '99999999999' is not a whole number from 0 to 2147483647",
            "syswire|capabilities:cap_net_raw;tripwires:socket;maxage:１０ # maxage '１０' is not a duration (e.g. 30, 30s, 500ms, 2m)",
            "syswire|capabilities:cap_net_raw;tripwires:socket;maxage:+10 # maxage '+10' is not a duration (e.g. 30, 30s, 500ms, 2m)",
            "syswire|capabilities:cap_net_raw;tripwires:socket;maxage:99999999999h # maxage '99999999999h' is not a duration in nanoseconds that syswire can hold (at most 292 years, at least 1 ns steps)",
            "syswire|tripwires:socket # missing capabilities: give --capabilities or capabilities: in --task",
            "syswire|capabilities:cap_net_raw # missing tripwires: give --tripwires or tripwires: in --task",
            "tawon|capabilities:cap_net_raw;tripwires:socket # task type 'tawon' is not syswire (expected syswire|key:value;...)",
            "syswire|capabilities:cap_net_raw;tripwires:socket;meta:proces.name # unknown meta field 'proces.name' (did you mean process.name?)",
            "syswire|capabilities:cap_net_raw;capabilities:cap_bpf;tripwires:socket # task key 'capabilities' is given twice",
            "syswire|capabilities:cap_net_raw;tripwires:socket+ # empty syscall name in 'socket+'",
    })
    void badValuesAreOneLineErrorsNamingThem(String task, String message) {
        BadInputException e = assertThrows(BadInputException.class, () -> Settings.parseTask(task).resolve(TABLE));
        assertEquals(message, e.getMessage());
    }

    @Test
    void scopeConditionsAreJoinedWithCommasButRegexCommasStayInTheRegex() {
        Scope s = Scope.parse("process.name:~^a{1,3}x,container.name:~web");
        assertEquals(2, s.conditions().size());
        assertEquals("^a{1,3}x", s.conditions().get(0).regex().pattern());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', value = {
            "process.pdi:1 # unknown condition field 'process.pdi' (did you mean process.pid?)",
            "process.pid:abc # condition 'process.pid:abc': pid must be a positive number or *",
            "process.pid:٤٢٤٢ # condition 'process.pid:٤٢٤٢': pid must be a positive number or *",
            "process.pid:+4242 # condition 'process.pid:+4242': pid must be a positive number or *",
            "process.pid:4294967297 # condition 'process.pid:4294967297': pid must be a positive number or *",
            "process.name:~[ # condition 'process.name:~[': bad regular expression: Unclosed character class",
            "process.name # condition 'process.name' needs field:value (e.g. process.name:~nginx)",
    })
    void badConditionsAreOneLineErrors(String condition, String message) {
        BadInputException e = assertThrows(BadInputException.class, () -> Scope.parse(condition));
        assertEquals(message, e.getMessage());
    }

    @Test
    void exactPidsAndShortExactNamesCanBeFilteredInTheKernel() {
        Scope s = Scope.of(List.of("process.pid:54321", "process.name:simulator"));
        assertEquals(List.of(54321), s.exactPids());
        assertEquals("simulator", s.exactName().orElseThrow());
        assertTrue(Scope.parse("process.name:~sim").exactName().isEmpty());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", " ", "syswire|", ";;;", "syswire| ; ;"})
    void aTaskStringWithoutSettingsIsAnErrorNotNoConfiguration(String task) {
        BadInputException e = assertThrows(BadInputException.class, () -> Settings.parseTask(task));
        assertEquals("the task string '" + task + "' has no settings (expected syswire|capabilities:...;tripwires:...)", e.getMessage());
    }

    @Test
    void anEmptyConditionIsAnErrorNotNoScope() {
        BadInputException e = assertThrows(BadInputException.class, () -> Settings.none().withScope(List.of("")));
        assertEquals("condition '' is empty (expected field:value, e.g. process.name:~nginx)", e.getMessage());
    }

    static io.syswire.event.ProcessInfo named(String name) {
        return new io.syswire.event.ProcessInfo(42, 0, 1, name, null, null, null, null, null, null);
    }

    @Test
    void aRegexThatRecursesPastTheStackOnALongNameIsAnErrorNamingIt() {
        Scope s = Scope.parse("process.name:~(a|b)*c");
        String name = "ab".repeat(50_000);
        BadInputException e = assertThrows(BadInputException.class, () -> s.test(named(name)));
        assertEquals("condition 'process.name:~(a|b)*c' ran out of stack matching a 100000-character process.name: "
                + "simplify the regular expression", e.getMessage());
    }

    @Test
    void aRegexThatBacktracksWithoutEndIsStoppedAfterABoundedNumberOfSteps() {
        // polynomial backtracking: about 18 billion steps (minutes) for 3000 characters, were it not stopped
        Scope s = Scope.parse("process.name:~(x+x+)+y");
        BadInputException e = assertThrows(BadInputException.class, () -> s.test(named("x".repeat(3000))));
        assertEquals("condition 'process.name:~(x+x+)+y' took more than 50000000 steps matching a 3000-character process.name: "
                + "simplify the regular expression", e.getMessage());
        assertTrue(s.test(named("xxy")), "ordinary names still match");
    }
}
