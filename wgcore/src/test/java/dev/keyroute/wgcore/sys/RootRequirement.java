package dev.keyroute.wgcore.sys;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * For tests that need root (TUN, namespaces, SO_*FORCE, SO_MARK): they fail under {@code CI=true}
 * and are skipped only when not root outside CI.
 */
public final class RootRequirement {
    private RootRequirement() {}

    public static void requireRoot() {
        boolean root = Posix.isRoot();
        if (!root && "true".equals(System.getenv("CI"))) {
            fail("this test needs root and CI=true: refusing to skip");
        }
        assumeTrue(root, "needs root");
    }
}
