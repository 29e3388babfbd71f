package dev.keyroute.it;

import dev.keyroute.config.Key;
import dev.keyroute.wgcore.noise.LinkLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Issue 3's proof topology: hub A (keyrouted, route follower with a status file) with two peers,
 * B (keyrouted) and C (wireguard-go), each on its own veth underlay. B and C both hold
 * {@link #TARGET_V4} / {@link #TARGET_V6} on their loopback, so where A's traffic to those lands
 * depends only on A's routes; their AllowedIPs for A cover A's tunnel addresses.
 *
 * <pre>
 *   B 192.168.60.2 ── 192.168.60.1 A 192.168.61.1 ── 192.168.61.2 C
 *   tunnel: A 10.0.0.1 fd00:10::1   B 10.0.0.2 fd00:10::2   C 10.0.0.3 fd00:10::3
 * </pre>
 */
final class HubTopology implements AutoCloseable {
    static final String A_V4 = "10.0.0.1";
    static final String B_V4 = "10.0.0.2";
    static final String C_V4 = "10.0.0.3";
    static final String TARGET_V4 = "10.50.0.1";
    static final String TARGET_V6 = "fd00:50::1";
    static final int PORT = 51820;

    final Netns a = Netns.create();
    final Netns b;
    final Netns c;
    final KeyPair keysA = Keys.generate();
    final KeyPair keysB = Keys.generate();
    final KeyPair keysC = Keys.generate();
    final String ifA = Names.ifname();
    final String ifB = Names.ifname();
    final String ifC = Names.ifname();
    final Path status;
    private final List<String> extraArgs;
    private KeyroutedPeer hub;
    private KeyroutedPeer peerB;
    private WireguardGoPeer peerC;

    HubTopology(List<String> hubArgs) {
        Netns nb = null;
        Netns nc = null;
        try {
            nb = Netns.create();
            nc = Netns.create();
            b = nb;
            c = nc;
            Netns.link(a, b, "192.168.60.1/24", "192.168.60.2/24");
            Netns.link(a, c, "192.168.61.1/24", "192.168.61.2/24");
            status = Logs.file(ifA + "-routes.status");
            extraArgs = new ArrayList<>(List.of("--route-status", status.toString()));
            extraArgs.addAll(hubArgs);
            startHub();
            peerB = KeyroutedPeer.start(b, ifB, spoke(keysB, B_V4, "fd00:10::2", "192.168.60.1"));
            peerC = WireguardGoPeer.start(c, ifC, spoke(keysC, C_V4, "fd00:10::3", "192.168.61.1"));
            for (Netns n : List.of(b, c)) {
                n.exec("ip", "addr", "add", TARGET_V4 + "/32", "dev", "lo");
                n.exec("ip", "addr", "add", TARGET_V6 + "/128", "dev", "lo");
            }
        } catch (RuntimeException | AssertionError e) {
            closeQuietly(nb, nc);
            throw e;
        }
    }

    private WgConfig spoke(KeyPair keys, String v4, String v6, String hubUnderlay) {
        return WgConfig.builder(keys).listenPort(PORT).address(v4 + "/24").address(v6 + "/64")
                .peer(PeerConfig.of(keysA.publicKey(), hubUnderlay + ":" + PORT, "10.0.0.0/24", "fd00:10::/64"))
                .build();
    }

    void startHub() {
        WgConfig cfg = WgConfig.builder(keysA).listenPort(PORT).address(A_V4 + "/24").address("fd00:10::1/64")
                .peer(PeerConfig.of(keysB.publicKey(), "192.168.60.2:" + PORT, B_V4 + "/32", "fd00:10::2/128"))
                .peer(PeerConfig.of(keysC.publicKey(), "192.168.61.2:" + PORT, C_V4 + "/32", "fd00:10::3/128"))
                // The tests tell peers apart by tx bytes; link-local multicast fan-out (the kernel's
                // own MLD reports and router solicitations go to every peer) would blur that.
                .keyroute("Multicast = off")
                .build();
        hub = KeyroutedPeer.start(a, ifA, cfg, extraArgs.toArray(String[]::new));
    }

    /** Stops the hub's keyrouted (its interface and the kernel routes through it vanish). */
    void stopHub() {
        hub.terminate();
        hub.close();
    }

    KeyroutedPeer hub() {
        return hub;
    }

    static String ll(KeyPair k) {
        return LinkLocal.text(Key.fromBase64(k.publicKey()));
    }

    String llB() {
        return ll(keysB);
    }

    String llC() {
        return ll(keysC);
    }

    /** Runs {@code ip args...} in A. */
    String ipA(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        return a.exec(cmd.toArray(String[]::new));
    }

    /** A's allowed IPs per peer public key, from {@code wg show <if> allowed-ips}. */
    Map<String, List<String>> allowedIps() {
        Map<String, List<String>> m = new TreeMap<>();
        for (String line : a.exec("wg", "show", ifA, "allowed-ips").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 0 || f[0].isEmpty()) {
                continue;
            }
            List<String> ips = new ArrayList<>();
            for (int i = 1; i < f.length; i++) {
                if (!f[i].equals("(none)")) {
                    ips.add(f[i]);
                }
            }
            m.put(f[0], ips.stream().sorted().toList());
        }
        return m;
    }

    List<String> allowedIpsOf(KeyPair peer) {
        return allowedIps().getOrDefault(peer.publicKey(), List.of());
    }

    /** The hub's transmitted bytes to {@code peer} (from {@code wg show dump}). */
    long txBytes(KeyPair peer) {
        return hub.dump().peer(peer.publicKey()).orElseThrow().txBytes();
    }

    /** A counter from the hub's route status file (name value lines), -1 if absent. */
    long counter(String name) {
        try {
            if (!Files.exists(status)) {
                return -1;
            }
            for (String line : Files.readAllLines(status)) {
                String[] f = line.split(" ");
                if (f.length == 2 && f[0].equals(name)) {
                    return Long.parseLong(f[1]);
                }
            }
            return -1;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void awaitAllowedIps(KeyPair peer, List<String> expected, Duration timeout) {
        List<String> sorted = expected.stream().sorted().toList();
        Sleep.await(timeout, () -> allowedIpsOf(peer).equals(sorted),
                () -> "allowed IPs of " + peer + " to become " + sorted + " (now " + allowedIpsOf(peer) + "); hub log "
                        + hub.log());
    }

    /** True if one echo request to {@code address} from A gets a reply within 2 s. */
    boolean pingOnce(String address) {
        try {
            a.exec(Duration.ofSeconds(5), "ping", "-n", "-c", "1", "-W", "2", address);
            return true;
        } catch (CommandFailedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closeQuietly(b, c);
    }

    private void closeQuietly(Netns nb, Netns nc) {
        RuntimeException first = null;
        for (AutoCloseable x : new AutoCloseable[] {peerC, peerB, hub, nc, nb, a}) {
            if (x == null) {
                continue;
            }
            try {
                x.close();
            } catch (Exception e) {
                if (first == null) {
                    first = new RuntimeException("cleanup failed", e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
