package dev.keyroute.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where processes started by the harness write their output, for diagnosis after a failure. */
public final class Logs {
    private Logs() {
    }

    /** {@code it-tests/target/it-logs} under Maven (system property {@code keyroute.it.logs}); created on demand. */
    public static Path dir() {
        Path dir = Path.of(System.getProperty("keyroute.it.logs", "target/it-logs")).toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }

    /** The last {@code maxChars} characters of a log file, or a note that it is missing. */
    public static String tail(Path file, int maxChars) {
        try {
            String s = Files.readString(file);
            return s.length() <= maxChars ? s : "..." + s.substring(s.length() - maxChars);
        } catch (IOException e) {
            return "(no log at " + file + ")";
        }
    }
}
