package dev.keyroute.wgcore.sys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A uniquely named network namespace ({@code kr} + random) made with iproute2, deleted on close. */
public final class TestNetns implements AutoCloseable {
    private final String name;

    private TestNetns(String name) {
        this.name = name;
    }

    public static TestNetns create() throws IOException {
        String name = "kr" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        run("ip", "netns", "add", name);
        TestNetns ns = new TestNetns(name);
        ns.ip("link", "set", "lo", "up");
        return ns;
    }

    public String name() {
        return name;
    }

    /** Runs {@code ip -n <ns> args...}, failing on a non-zero exit. */
    public String ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", name));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    /** Starts {@code ip netns exec <ns> args...}. */
    public Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Runs a command and returns its exit status. */
    public static int exitStatus(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timeout: " + String.join(" ", cmd));
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public static String run(String... cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        run("ip", "netns", "del", name);
    }
}
