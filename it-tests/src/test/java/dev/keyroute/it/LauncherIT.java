package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JVM options {@code bin/keyroute-java} gives keyrouted and the CLI (G1 with a pause goal, and
 * idle heap given back), read from the JVM itself ({@code -XX:+PrintCommandLineFlags}).
 */
class LauncherIT {
    private static final String KEY = "HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=";

    private static String flagsWith(String javaOpts) {
        Map<String, String> env = Map.of("JAVA_HOME", System.getProperty("java.home"),
                "KEYROUTE_JAVA_OPTS", "-XX:+PrintCommandLineFlags " + javaOpts);
        return Cmd.run(Cmd.DEFAULT_TIMEOUT, env, List.of(Repo.keyroute().toString(), "ll", KEY));
    }

    @Test
    void shouldRunG1ThatGivesIdleHeapBackByDefault() {
        String flags = flagsWith("");
        assertTrue(flags.contains("-XX:+UseG1GC"), flags);
        assertTrue(flags.contains("-XX:MaxGCPauseMillis=50"), flags);
        assertTrue(flags.contains("-XX:G1PeriodicGCInterval=30000"), flags);
        assertTrue(flags.contains("-XX:MaxHeapFreeRatio=30"), flags);
        assertTrue(flags.contains("-XX:MinHeapFreeRatio=10"), flags);
        assertTrue(flags.contains("fe80::31ea:e151:cff5:b8d2"), "the command itself still ran: " + flags);
    }

    @Test
    void shouldDropTheG1DefaultsWhenTheOptionsNameAnotherCollector() {
        String flags = flagsWith("-XX:+UseParallelGC");
        assertTrue(flags.contains("-XX:+UseParallelGC"), flags);
        assertFalse(flags.contains("UseG1GC"), flags);
        assertFalse(flags.contains("G1PeriodicGCInterval"), flags);
        assertTrue(flags.contains("fe80::31ea:e151:cff5:b8d2"), flags);
    }
}
