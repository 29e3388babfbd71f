package dev.keyroute.netlink.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.security.auth.module.UnixSystem;

/**
 * Gate for tests that need root and network namespaces: they fail when {@code CI=true} and
 * skip (JUnit assumption) only on a developer machine without root.
 */
public final class Privileges {
    private Privileges() {}

    public static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }

    public static void requireRoot() {
        if (isRoot()) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("test needs root (network namespaces) and CI=true forbids skipping");
        }
        assumeTrue(false, "test needs root (network namespaces); skipped outside CI");
    }
}
