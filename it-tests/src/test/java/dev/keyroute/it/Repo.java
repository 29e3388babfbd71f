package dev.keyroute.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The repository checkout under test and its launchers. */
public final class Repo {
    private static final String HOW_TO_BUILD =
            "run the suite with `./mvnw verify` from the repository root (it packages the daemon before"
                    + " it-tests), or `./mvnw -q -DskipTests package` first";

    private Repo() {
    }

    /** System property {@code keyroute.repo.root} (set by the it-tests pom), else the nearest parent holding {@code mvnw}. */
    public static Path root() {
        String prop = System.getProperty("keyroute.repo.root");
        if (prop != null) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw")) && Files.isDirectory(p.resolve(".mvn"))) {
                return p;
            }
        }
        throw new AssertionError("cannot find the repository root (no mvnw above " + Path.of("").toAbsolutePath() + ")");
    }

    /** {@code bin/keyrouted}, checked to be executable and to have a packaged daemon jar next to it. */
    public static Path keyrouted() {
        return launcher("keyrouted");
    }

    /** {@code bin/keyroute}, the CLI. */
    public static Path keyroute() {
        return launcher("keyroute");
    }

    private static Path launcher(String name) {
        Path root = root();
        Path bin = root.resolve("bin").resolve(name);
        if (!Files.isExecutable(bin)) {
            throw new AssertionError("launcher " + bin + " is missing or not executable: " + HOW_TO_BUILD);
        }
        Path target = root.resolve("daemon/target");
        if (!Files.isDirectory(target.resolve("lib")) || !hasDaemonJar(target)) {
            throw new AssertionError("no packaged daemon in " + target + " (jar and lib/): " + HOW_TO_BUILD);
        }
        return bin;
    }

    private static boolean hasDaemonJar(Path target) {
        try (Stream<Path> s = Files.list(target)) {
            return s.map(p -> p.getFileName().toString())
                    .anyMatch(n -> n.startsWith("keyroute-daemon") && n.endsWith(".jar") && !n.endsWith("-tests.jar"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
