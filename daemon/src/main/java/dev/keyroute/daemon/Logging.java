package dev.keyroute.daemon;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** One-line log records on stderr; level from {@code KEYROUTE_LOG} (e.g. FINE), default INFO. */
final class Logging {
    private Logging() {
    }

    static void configure() {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler h = new ConsoleHandler();
        h.setFormatter(new SimpleFormatter());
        Level level = Level.INFO;
        String env = System.getenv("KEYROUTE_LOG");
        if (env != null) {
            try {
                level = Level.parse(env.toUpperCase());
            } catch (IllegalArgumentException ignored) {
                // keep INFO
            }
        }
        h.setLevel(level);
        root.setLevel(level);
        root.addHandler(h);
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
    }
}
