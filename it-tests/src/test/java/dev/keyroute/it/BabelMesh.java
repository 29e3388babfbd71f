package dev.keyroute.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Issue 6's proof topology: three nodes A, B, C, each with ONE keyrouted interface holding the other
 * two as peers (endpoint and key; AllowedIPs only the peers' tunnel addresses), and each announcing
 * its own LAN prefix (a veth pair inside the node, since the VM has no {@code dummy} module). Every
 * node pair has its own underlay veth pair, so A↔B can be cut while A↔C and C↔B stay.
 *
 * <pre>
 *            192.168.71.0/24
 *      A ───────────────────── B        tunnel (one interface per node):
 *        \                    /           A 10.0.0.1 fd00:10::1   B .2 ::2   C .3 ::3
 *  192.168.72.0/24    192.168.73.0/24   LAN prefixes:
 *           \            /                A 10.201.1.0/24 fd00:201:1::/64, B ...2..., C ...3...
 *                 C
 * </pre>
 */
final class BabelMesh implements AutoCloseable {
    static final int NODES = 3;
    static final int PORT = 51820;
    private static final String NAMES = "abc";

    final List<Netns> ns = new ArrayList<>();
    final List<KeyPair> keys = new ArrayList<>();
    final List<String> ifnames = new ArrayList<>();
    private final List<KeyroutedPeer> engines = new ArrayList<>();

    BabelMesh() {
        try {
            for (int i = 0; i < NODES; i++) {
                Netns n = Netns.create();
                ns.add(n);
                keys.add(Keys.generate());
                ifnames.add(Names.ifname());
                n.exec("sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1");
                n.exec("ip", "link", "add", "lan", "type", "veth", "peer", "name", "lanpeer");
                n.exec("ip", "addr", "add", lanHost4(i) + "/24", "dev", "lan");
                n.exec("ip", "addr", "add", lanHost6(i) + "/64", "dev", "lan", "nodad");
                n.exec("ip", "link", "set", "lan", "up");
                n.exec("ip", "link", "set", "lanpeer", "up");
            }
            for (int i = 0; i < NODES; i++) {
                for (int j = i + 1; j < NODES; j++) {
                    underlay(i, j);
                }
            }
            List<CompletableFuture<KeyroutedPeer>> starting = new ArrayList<>();
            for (int i = 0; i < NODES; i++) {
                int node = i;
                starting.add(CompletableFuture.supplyAsync(() -> KeyroutedPeer.start(ns.get(node), ifnames.get(node), config(node))));
            }
            for (CompletableFuture<KeyroutedPeer> f : starting) {
                try {
                    engines.add(f.join());
                } catch (java.util.concurrent.CompletionException e) {
                    starting.forEach(o -> o.thenAccept(KeyroutedPeer::close));
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new AssertionError(e.getCause());
                }
            }
        } catch (RuntimeException | AssertionError e) {
            close();
            throw e;
        }
    }

    /** The veth pair between nodes {@code i < j}: in node i it is called {@code u<j's letter>}. */
    private void underlay(int i, int j) {
        String inI = underlayDevice(j);
        String inJ = underlayDevice(i);
        Netns a = ns.get(i);
        Netns b = ns.get(j);
        a.exec("ip", "link", "add", inI, "type", "veth", "peer", "name", inJ, "netns", b.name());
        a.exec("ip", "addr", "add", underlayAddress(i, j, i) + "/24", "dev", inI);
        b.exec("ip", "addr", "add", underlayAddress(i, j, j) + "/24", "dev", inJ);
        a.exec("ip", "link", "set", inI, "up");
        b.exec("ip", "link", "set", inJ, "up");
    }

    static String underlayDevice(int towards) {
        return "u" + NAMES.charAt(towards);
    }

    /** Node {@code host}'s address on the underlay between {@code i < j}: 192.168.(70+i+j).(host+1). */
    static String underlayAddress(int i, int j, int host) {
        return "192.168." + (70 + i + j) + "." + (host + 1);
    }

    private WgConfig config(int i) {
        WgConfig.Builder b = WgConfig.builder(keys.get(i)).listenPort(PORT)
                .address(tunnel4(i) + "/24").address(tunnel6(i) + "/64");
        for (int j = 0; j < NODES; j++) {
            if (j != i) {
                String endpoint = underlayAddress(Math.min(i, j), Math.max(i, j), j) + ":" + PORT;
                b.peer(PeerConfig.of(keys.get(j).publicKey(), endpoint, tunnel4(j) + "/32", tunnel6(j) + "/128"));
            }
        }
        return b.build();
    }

    static String name(int i) {
        return String.valueOf(Character.toUpperCase(NAMES.charAt(i)));
    }

    static String tunnel4(int i) {
        return "10.0.0." + (i + 1);
    }

    static String tunnel6(int i) {
        return "fd00:10::" + (i + 1);
    }

    static String lanPrefix4(int i) {
        return "10.201." + (i + 1) + ".0/24";
    }

    static String lanPrefix6(int i) {
        return "fd00:201:" + (i + 1) + "::/64";
    }

    static String lanHost4(int i) {
        return "10.201." + (i + 1) + ".1";
    }

    static String lanHost6(int i) {
        return "fd00:201:" + (i + 1) + "::1";
    }

    String ifname(int i) {
        return ifnames.get(i);
    }

    KeyroutedPeer engine(int i) {
        return engines.get(i);
    }

    /** Node {@code i}'s AllowedIPs per peer public key, from {@code wg show <if> allowed-ips}. */
    Map<String, List<String>> allowedIps(int i) {
        Map<String, List<String>> m = new TreeMap<>();
        for (String line : ns.get(i).exec("wg", "show", ifnames.get(i), "allowed-ips").split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 0 || f[0].isEmpty()) {
                continue;
            }
            List<String> ips = new ArrayList<>();
            for (int k = 1; k < f.length; k++) {
                if (!f[k].equals("(none)")) {
                    ips.add(f[k]);
                }
            }
            m.put(f[0], ips);
        }
        return m;
    }

    /** Whether node {@code at} maps node {@code owner}'s LAN prefixes (v4 and v6) to node {@code via}, and to no one else. */
    boolean lanRoutedVia(int at, int owner, int via) {
        Map<String, List<String>> m = allowedIps(at);
        for (int j = 0; j < NODES; j++) {
            if (j == at) {
                continue;
            }
            List<String> ips = m.getOrDefault(keys.get(j).publicKey(), List.of());
            boolean has4 = ips.contains(lanPrefix4(owner));
            boolean has6 = ips.contains(lanPrefix6(owner));
            if (j == via ? !(has4 && has6) : (has4 || has6)) {
                return false;
            }
        }
        return true;
    }

    /** One echo from node {@code from}'s LAN address to node {@code to}'s, IPv4 or IPv6, within 2 s. */
    boolean pingLan(int from, int to, boolean ipv6) {
        try {
            if (ipv6) {
                ns.get(from).exec(Duration.ofSeconds(5), "ping", "-6", "-n", "-c", "1", "-W", "2", "-I", lanHost6(from), lanHost6(to));
            } else {
                ns.get(from).exec(Duration.ofSeconds(5), "ping", "-n", "-c", "1", "-W", "2", "-I", lanHost4(from), lanHost4(to));
            }
            return true;
        } catch (CommandFailedException e) {
            return false;
        }
    }

    /** Takes the A↔B underlay down ({@code up = false}) or brings it back. */
    void setUnderlay(int i, int j, boolean up) {
        ns.get(i).exec("ip", "link", "set", underlayDevice(j), up ? "up" : "down");
    }

    /** A diagnostic snapshot: routes and AllowedIPs of every node. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < NODES; i++) {
            sb.append("\n== ").append(name(i)).append(" routes:\n").append(ns.get(i).exec("ip", "route"))
                    .append(ns.get(i).exec("ip", "-6", "route", "show", "proto", "babel"))
                    .append(ns.get(i).exec("ip", "-6", "route", "show", "proto", "bird"))
                    .append("allowed-ips:\n").append(ns.get(i).exec("wg", "show", ifnames.get(i), "allowed-ips"))
                    .append("keyrouted log: ").append(engines.size() > i ? engines.get(i).log() : "-");
        }
        return sb.toString();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        List<AutoCloseable> all = new ArrayList<>(engines);
        all.addAll(ns);
        for (AutoCloseable c : all) {
            try {
                c.close();
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
