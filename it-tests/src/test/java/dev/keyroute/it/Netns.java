package dev.keyroute.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace with a unique name ({@code kr} + random), loopback up. {@link #close()} stops
 * every process started through {@link #spawn}, kills whatever else still runs in the namespace
 * (for example a daemon that forked itself into the background) and deletes the namespace.
 */
public final class Netns implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final String name;
    private final List<Process> processes = new CopyOnWriteArrayList<>();
    private final AtomicInteger spawnCount = new AtomicInteger();

    private Netns(String name) {
        this.name = name;
    }

    public static Netns create() {
        String name = Names.netns();
        Cmd.run("ip", "netns", "add", name);
        Netns ns = new Netns(name);
        try {
            ns.exec("ip", "link", "set", "lo", "up");
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    public String name() {
        return name;
    }

    /** Runs {@code command} inside the namespace; returns stdout; throws {@link CommandFailedException} on failure. */
    public String exec(String... command) {
        return exec(Cmd.DEFAULT_TIMEOUT, command);
    }

    public String exec(Duration timeout, String... command) {
        return exec(timeout, Map.of(), command);
    }

    public String exec(Duration timeout, Map<String, String> env, String... command) {
        return Cmd.run(timeout, env, inside(command));
    }

    /** Starts {@code command} in the namespace, output (stdout and stderr) to a fresh file under {@link Logs#dir()}. */
    public Process spawn(String... command) {
        return spawn(Map.of(), command);
    }

    public Process spawn(Map<String, String> env, String... command) {
        String base = Path.of(command[0]).getFileName().toString();
        return spawn(Logs.file(name + "-" + spawnCount.incrementAndGet() + "-" + base + ".log"), env, command);
    }

    public Process spawn(Path log, Map<String, String> env, String... command) {
        ProcessBuilder pb = new ProcessBuilder(inside(command))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            processes.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    /**
     * Connects two namespaces with a veth pair and brings both ends up. In {@code a} the device is
     * named {@code "v" + b.name()}, and vice versa, so a listing shows where each end leads.
     *
     * @param addressA address with prefix length for the end in {@code a}, e.g. {@code 192.168.241.1/24}
     */
    public static Veth link(Netns a, Netns b, String addressA, String addressB) {
        Veth veth = new Veth("v" + b.name, "v" + a.name);
        a.exec("ip", "link", "add", veth.nameInA(), "type", "veth", "peer", "name", veth.nameInB(), "netns", b.name);
        a.exec("ip", "addr", "add", addressA, "dev", veth.nameInA());
        b.exec("ip", "addr", "add", addressB, "dev", veth.nameInB());
        a.exec("ip", "link", "set", veth.nameInA(), "up");
        b.exec("ip", "link", "set", veth.nameInB(), "up");
        return veth;
    }

    /** Stops processes, kills leftovers in the namespace, deletes it. Safe to call twice. */
    @Override
    public void close() {
        for (Process p : processes) {
            stop(p);
        }
        processes.clear();
        killLeftovers();
        try {
            Cmd.run("ip", "netns", "del", name);
        } catch (CommandFailedException e) {
            if (!e.stderr().contains("No such file")) {
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return "netns " + name;
    }

    /** SIGTERM, then SIGKILL after a grace period. */
    static void stop(Process p) {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    /** Whatever still runs in the namespace (e.g. a daemon that forked itself): SIGTERM, grace, SIGKILL. */
    private void killLeftovers() {
        List<ProcessHandle> left = new ArrayList<>();
        try {
            for (String pid : Cmd.run("ip", "netns", "pids", name).strip().split("\\s+")) {
                if (!pid.isEmpty()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(left::add);
                }
            }
        } catch (CommandFailedException e) {
            return;
        }
        left.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        while (left.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Sleep.millis(50);
        }
        left.forEach(ProcessHandle::destroyForcibly);
    }

    private List<String> inside(String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(command));
        return full;
    }
}
