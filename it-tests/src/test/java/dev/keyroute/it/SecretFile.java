package dev.keyroute.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A file holding key material: mode 0600 from creation, deleted on close. */
public final class SecretFile implements AutoCloseable {
    private final Path path;

    private SecretFile(Path path) {
        this.path = path;
    }

    /** Creates {@code <it-logs>/../it-work/<name>} with {@code content}; replaces a leftover. */
    public static SecretFile write(String name, String content) {
        try {
            Path dir = Files.createDirectories(Logs.dir().resolveSibling("it-work"));
            Path p = dir.resolve(name);
            Files.deleteIfExists(p);
            Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(p, content);
            return new SecretFile(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
