package io.syswire.store;

import org.h2.api.Trigger;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Case files already in analysts' hands name syswire's classes and methods (aliases, the
 * evidence trigger): renaming or moving one breaks every such case. These names stay.
 */
class CaseFileNamesTest {
    @Test
    void theClassesCaseFilesBindAreExactlyThese() {
        assertEquals(Set.of("io.syswire.store.EvidenceGuard", "io.syswire.store.RawEventsFunction",
                "io.syswire.store.CapabilityFunctions", "io.syswire.store.NoJavaObjects",
                "io.syswire.store.RawEventsEngine"),
                SchemaAllowlist.bundled().boundClasses());
    }

    @Test
    void theBoundMethodsAndTheTriggerKeepTheirNamesAndShapes() throws Exception {
        Method scan = RawEventsFunction.class.getMethod("scan", Connection.class);
        assertTrue(Modifier.isStatic(scan.getModifiers()));
        assertTrue(Modifier.isStatic(RawEventsFunction.class.getMethod("scan", Connection.class, Integer.class).getModifiers()));
        assertTrue(Modifier.isStatic(CapabilityFunctions.class.getMethod("capNames", String.class).getModifiers()));
        assertTrue(Modifier.isStatic(CapabilityFunctions.class.getMethod("hasCap", String.class, String.class).getModifiers()));
        assertTrue(Trigger.class.isAssignableFrom(EvidenceGuard.class));
        assertTrue(Modifier.isPublic(EvidenceGuard.class.getConstructor().getModifiers()));
        assertTrue(org.h2.api.TableEngine.class.isAssignableFrom(RawEventsEngine.class));
        assertTrue(Modifier.isPublic(RawEventsEngine.class.getConstructor().getModifiers()));
    }

    @Test
    void everySchemaVersionBindsThemByTheseNames() {
        for (String v : SchemaAllowlist.bundled().versions()) {
            Set<String> sql = SchemaAllowlist.bundled().objects(v).stream().map(SchemaObject::sql)
                    .collect(java.util.stream.Collectors.toSet());
            assertTrue(sql.contains("CREATE FORCE ALIAS \"PUBLIC\".\"SYSWIRE_RAW_EVENTS\" FOR 'io.syswire.store.RawEventsFunction.scan'"), v);
            assertTrue(sql.contains("CREATE FORCE ALIAS \"PUBLIC\".\"CAP_NAMES\" FOR 'io.syswire.store.CapabilityFunctions.capNames'"), v);
            assertTrue(sql.contains("CREATE FORCE ALIAS \"PUBLIC\".\"HAS_CAP\" FOR 'io.syswire.store.CapabilityFunctions.hasCap'"), v);
            if (!v.equals("1")) {
                assertTrue(sql.stream().anyMatch(s -> s.startsWith("CREATE FORCE TRIGGER \"PUBLIC\".\"RAW_BLOCKS_ARE_EVIDENCE\"")
                        && s.endsWith("CALL 'io.syswire.store.EvidenceGuard'")), v);
            }
            assertFalse(sql.stream().anyMatch(s -> s.matches("(?s).*\\bAS\\s+'.*") && s.contains("ALIAS")), "no source: " + v);
        }
    }

    @Test
    void thisJvmRunsLikeTheLauncherWithoutACompilerAndWithH2sClassPolicy() {
        assertFalse(ModuleLayer.boot().findModule("java.compiler").isPresent(), "the tests run on syswire's own image, as users do");
        CaseEngine.prepare();
        assertEquals(String.join(",", new java.util.TreeSet<>(SchemaAllowlist.bundled().boundClasses())),
                System.getProperty("h2.allowedClasses"));
    }
}
