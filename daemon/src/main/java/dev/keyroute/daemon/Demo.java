package dev.keyroute.daemon;

import dev.keyroute.config.Key;
import dev.keyroute.wgcore.noise.LinkLocal;
import dev.keyroute.wgcore.noise.StaticIdentity;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The self-contained demo that {@code keyrouted} runs without arguments: two network namespaces
 * joined by a veth pair, a keyrouted in each, a WireGuard tunnel between them, a ping through it,
 * then a kernel route {@code via} the peer's key-derived link-local address steering a prefix into
 * the tunnel (and out again when the route is deleted). Everything it creates is deleted at the end. Needs root.
 */
final class Demo {
    private final PrintStream out;
    private final String tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    private final String nsA = "krdemo-a-" + tag;
    private final String nsB = "krdemo-b-" + tag;
    private final String ifA = "krda" + tag;
    private final String ifB = "krdb" + tag;
    private final List<Process> daemons = new ArrayList<>();

    Demo(PrintStream out) {
        this.out = out;
    }

    int run() throws Exception {
        Path dir = Files.createTempDirectory("keyroute-demo");
        try {
            return steps(dir);
        } finally {
            for (Process p : daemons) {
                p.destroy();
                p.waitFor(5, TimeUnit.SECONDS);
                p.destroyForcibly();
            }
            quiet("ip", "netns", "del", nsA);
            quiet("ip", "netns", "del", nsB);
            out.println("\n== cleaned up: namespaces " + nsA + " and " + nsB + " deleted");
        }
    }

    private int steps(Path dir) throws Exception {
        out.println("== keyroute demo: two hosts in network namespaces, one WireGuard tunnel");
        sh("ip", "netns", "add", nsA);
        sh("ip", "netns", "add", nsB);
        sh("ip", "-n", nsA, "link", "add", "veth0", "type", "veth", "peer", "name", "veth0", "netns", nsB);
        sh("ip", "-n", nsA, "addr", "add", "192.168.77.1/24", "dev", "veth0");
        sh("ip", "-n", nsB, "addr", "add", "192.168.77.2/24", "dev", "veth0");
        for (String ns : List.of(nsA, nsB)) {
            sh("ip", "-n", ns, "link", "set", "veth0", "up");
            sh("ip", "-n", ns, "link", "set", "lo", "up");
        }
        Key privA = StaticIdentity.generatePrivate();
        Key privB = StaticIdentity.generatePrivate();
        Key pubA = StaticIdentity.derivePublic(privA);
        Key pubB = StaticIdentity.derivePublic(privB);
        Path confA = write(dir, ifA, privA, "10.77.0.1/24", pubB, "192.168.77.2:51820", "10.77.0.2/32");
        Path confB = write(dir, ifB, privB, "10.77.0.2/24", pubA, "192.168.77.1:51820", "10.77.0.1/32");
        startDaemon(nsA, ifA, confA, dir);
        startDaemon(nsB, ifB, confB, dir);
        out.println("\n== ping through the tunnel (" + nsA + " -> 10.77.0.2)");
        int rc = show("ip", "netns", "exec", nsA, "ping", "-c", "3", "-i", "0.3", "-W", "2", "10.77.0.2");
        out.println("\n== wg show " + ifA + " (the stock wg tool over keyrouted's UAPI socket)");
        show("ip", "netns", "exec", nsA, "wg", "show", ifA);
        return rc == 0 && followRoutes(pubB) ? 0 : 1;
    }

    /**
     * Issue 3 in one picture: B serves 10.50.0.1; a plain kernel route on A via B's key-derived
     * link-local address makes keyrouted add 10.50.0.0/24 to B's AllowedIPs, deleting it removes it.
     */
    private boolean followRoutes(Key pubB) throws Exception {
        String llB = LinkLocal.text(pubB);
        sh("ip", "-n", nsB, "addr", "add", "10.50.0.1/32", "dev", "lo");
        out.println("\n== route following: ip route add 10.50.0.0/24 via inet6 " + llB + " dev " + ifA
                + "   (" + llB + " = keyroute ll <B's key>)");
        sh("ip", "-n", nsA, "route", "add", "10.50.0.0/24", "via", "inet6", llB, "dev", ifA);
        Thread.sleep(300);
        show("ip", "netns", "exec", nsA, "wg", "show", ifA, "allowed-ips");
        int rc = show("ip", "netns", "exec", nsA, "ping", "-c", "2", "-i", "0.3", "-W", "2", "10.50.0.1");
        out.println("\n== ip route del 10.50.0.0/24: the prefix leaves B's AllowedIPs");
        sh("ip", "-n", nsA, "route", "del", "10.50.0.0/24");
        Thread.sleep(300);
        show("ip", "netns", "exec", nsA, "wg", "show", ifA, "allowed-ips");
        return rc == 0;
    }

    private Path write(Path dir, String ifname, Key priv, String address, Key peer, String endpoint, String allowed)
            throws IOException {
        String conf = "[Interface]\nPrivateKey = " + priv.toBase64() + "\nListenPort = 51820\nAddress = " + address
                + "\n\n[Peer]\nPublicKey = " + peer.toBase64() + "\nEndpoint = " + endpoint
                + "\nAllowedIPs = " + allowed + "\n";
        Path p = dir.resolve(ifname + ".conf");
        Files.writeString(p, conf);
        return p;
    }

    private void startDaemon(String ns, String ifname, Path conf, Path dir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns, java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), KeyroutedMain.class.getName(), "-f", ifname,
                "--config", conf.toString()));
        Path log = dir.resolve(ifname + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        daemons.add(p);
        Path sock = Path.of("/var/run/wireguard", ifname + ".sock");
        for (int i = 0; i < 200 && !Files.exists(sock); i++) {
            if (!p.isAlive()) {
                throw new IOException("keyrouted in " + ns + " exited: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        out.println("started keyrouted " + ifname + " in " + ns + " (pid " + p.pid() + ")");
    }

    private void sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + text.strip());
        }
    }

    private int show(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        out.print(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        return p.waitFor();
    }

    private void quiet(String... cmd) {
        try {
            new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException ignored) {
            // best-effort cleanup
        }
    }
}
