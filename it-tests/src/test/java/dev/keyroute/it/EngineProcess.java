package dev.keyroute.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The process side of a {@link WgDevice}: started in a namespace with its output in a log file,
 * awaited until its UAPI socket exists, stopped with SIGTERM.
 */
final class EngineProcess {
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Netns ns;
    private final String ifname;
    private final String engine;
    private final Path log;
    private final Process process;

    private EngineProcess(Netns ns, String ifname, String engine, Path log, Process process) {
        this.ns = ns;
        this.ifname = ifname;
        this.engine = engine;
        this.log = log;
        this.process = process;
    }

    static EngineProcess start(Netns ns, String ifname, String engine, Map<String, String> env, String... command) {
        Path log = Logs.file(ifname + "-" + engine + ".log");
        return new EngineProcess(ns, ifname, engine, log, ns.spawn(log, env, command));
    }

    Path log() {
        return log;
    }

    Process process() {
        return process;
    }

    /** Waits until the UAPI socket exists; fails early, with the log, if the process exits first. */
    void awaitSocket() {
        Path sock = Uapi.socket(ifname);
        Sleep.await(START_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(engine + " for " + ifname + " in " + ns + " exited with " + process.exitValue()
                        + " before creating " + sock + "; log " + log + ":\n" + Logs.tail(log, 4000));
            }
            return Files.exists(sock);
        }, () -> sock + " from " + engine + "; log " + log + ":\n" + Logs.tail(log, 4000));
    }

    /** Waits until the interface has the UP flag (for engines that configure the link themselves). */
    void awaitLinkUp() {
        Sleep.await(START_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(engine + " for " + ifname + " exited with " + process.exitValue()
                        + "; log " + log + ":\n" + Logs.tail(log, 4000));
            }
            return IpLink.isUp(ns, ifname);
        }, () -> "link " + ifname + " up in " + ns + "; log " + log + ":\n" + Logs.tail(log, 4000));
    }

    /** SIGTERM; returns the exit code; fails if the process is still alive after {@code grace}. */
    int terminate(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(engine + " for " + ifname + " ignored SIGTERM for " + grace.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** Stops the process if it still runs and removes a socket a killed process left behind. */
    void close() {
        Netns.stop(process);
        try {
            Files.deleteIfExists(Uapi.socket(ifname));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
