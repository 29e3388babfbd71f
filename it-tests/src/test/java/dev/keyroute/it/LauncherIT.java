package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JVM options {@code bin/keyroute-java} gives keyrouted and the CLI (G1 with a pause goal,
 * shorter pauses while a full table loads, and idle heap given back), read from the JVM itself
 * ({@code -XX:+PrintCommandLineFlags}).
 */
class LauncherIT {
    private static final String KEY = "HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=";
    /** What {@code keyroute ll KEY} prints: the command itself still ran under those options. */
    private static final String LINK_LOCAL = "fe80::31ea:e151:cff5:b8d2";

    private static String flagsWith(String javaOpts) {
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"),
                "KEYROUTE_JAVA_OPTS", "-XX:+PrintCommandLineFlags " + javaOpts);
        return Cmd.run(Cmd.DEFAULT_TIMEOUT, env, List.of(Repo.keyroute().toString(), "ll", KEY));
    }

    private static void assertHas(String flags, String... options) {
        for (String option : options) {
            assertTrue(flags.contains(option), option + " missing from: " + flags);
        }
    }

    private static void assertLacks(String flags, String... options) {
        for (String option : options) {
            assertFalse(flags.contains(option), option + " present in: " + flags);
        }
    }

    @Test
    void shouldRunG1ThatGivesIdleHeapBackByDefault() {
        assertHas(flagsWith(""), "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=50", "-XX:G1PeriodicGCInterval=30000",
                "-XX:MaxHeapFreeRatio=30", "-XX:MinHeapFreeRatio=10", LINK_LOCAL);
    }

    @Test
    void shouldScanSmallCardsAndPromoteAfterOneCollectionByDefault() {
        assertHas(flagsWith(""), "-XX:GCCardSizeInBytes=128", "-XX:MaxTenuringThreshold=1", LINK_LOCAL);
    }

    @Test
    void shouldDropTheG1DefaultsWhenTheOptionsNameAnotherCollector() {
        String flags = flagsWith("-XX:+UseParallelGC");
        assertHas(flags, "-XX:+UseParallelGC", LINK_LOCAL);
        assertLacks(flags, "UseG1GC", "G1PeriodicGCInterval", "GCCardSizeInBytes", "MaxTenuringThreshold");
    }
}
