package io.syswire.hostile;

import io.syswire.store.CaseEngine;

import java.sql.SQLException;

/**
 * H2 as syswire configures it (CaseEngine: class policy, no Java objects; started with the
 * launcher's modules, so no compiler), but opening a case directly, past the schema check: the
 * second wall on its own. Same arguments as {@link PlainH2}.
 */
public final class SandboxedH2 {
    private SandboxedH2() {
    }

    public static void main(String[] args) throws SQLException {
        CaseEngine.prepare();
        PlainH2.main(args);
    }
}
