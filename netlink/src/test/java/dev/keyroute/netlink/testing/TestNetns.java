package dev.keyroute.netlink.testing;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A uniquely named network namespace ({@code kr<random>}) for one test, with a
 * {@link NetnsThread} inside it and helpers to run {@code ip} there. {@link #close()} deletes it.
 * Callers check {@link Privileges#requireRoot()} first.
 */
public final class TestNetns implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final NetnsThread thread;

    private TestNetns(String name, NetnsThread thread) {
        this.name = name;
        this.thread = thread;
    }

    public static TestNetns create() throws Exception {
        byte[] r = new byte[4];
        RANDOM.nextBytes(r);
        String name = "kr" + HexFormat.of().formatHex(r);
        Cmd.check("ip", "netns", "add", name);
        try {
            Cmd.check("ip", "-n", name, "link", "set", "lo", "up");
            return new TestNetns(name, NetnsThread.enter(name));
        } catch (Exception | Error e) {
            Cmd.run(List.of("ip", "netns", "del", name), null);
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** The thread that lives in this namespace. */
    public NetnsThread thread() {
        return thread;
    }

    /** Runs {@code ip -n <ns> args...}; throws with stderr on failure; returns stdout. */
    public String ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", name));
        argv.addAll(List.of(args));
        return Cmd.run(argv, null).check(argv).out();
    }

    /** Runs {@code ip -n <ns> args...} and returns the result without checking it. */
    public Cmd.Result ipResult(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", name));
        argv.addAll(List.of(args));
        return Cmd.run(argv, null);
    }

    /** Feeds {@code commands} (one per line) to {@code ip -n <ns> -batch -}. */
    public void ipBatch(String commands) {
        List<String> argv = List.of("ip", "-n", name, "-batch", "-");
        Cmd.run(argv, commands).check(argv);
    }

    /**
     * Adds an always-up Ethernet-like interface {@code name}: a dummy if the kernel has the
     * module, else one end of a veth pair whose peer ({@code name + "p"}) is also brought up so
     * the link has carrier.
     */
    public void addUpLink(String ifname) {
        if (ipResult("link", "add", ifname, "type", "dummy").exit() != 0) {
            ip("link", "add", ifname, "type", "veth", "peer", "name", ifname + "p");
            ip("link", "set", ifname + "p", "up");
        }
        ip("link", "set", ifname, "up");
    }

    /** Interface index of {@code ifname} inside the namespace, read from sysfs via {@code ip}. */
    public int ifindex(String ifname) {
        String out = ip("-o", "link", "show", "dev", ifname);
        return Integer.parseInt(out.substring(0, out.indexOf(':')).strip());
    }

    @Override
    public void close() {
        thread.close();
        Cmd.run(List.of("ip", "netns", "del", name), null);
    }
}
