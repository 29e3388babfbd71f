package dev.keyroute.daemon.route;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Logger;

/**
 * Writes the follower's counters to a file (replaced atomically, at most every
 * {@link #MIN_INTERVAL_NANOS}), so operators and tests can read them without the metrics
 * endpoint.
 */
final class StatusFile {
    private static final Logger LOG = Logger.getLogger(StatusFile.class.getName());
    static final long MIN_INTERVAL_NANOS = 100_000_000L;

    private final Path file;
    private String written = "";
    private long lastWrite = Long.MIN_VALUE / 2;

    StatusFile(Path file) {
        this.file = file;
    }

    /** Writes {@code content} if it changed and the last write is old enough (or {@code force}). */
    void update(String content, long nowNanos, boolean force) {
        if (content.equals(written) || (!force && nowNanos - lastWrite < MIN_INTERVAL_NANOS)) {
            return;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written = content;
            lastWrite = nowNanos;
        } catch (IOException e) {
            LOG.warning("cannot write status file " + file + ": " + e.getMessage());
            lastWrite = nowNanos;
        }
    }
}
