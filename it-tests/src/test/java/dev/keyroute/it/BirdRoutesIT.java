package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BIRD 2 on the hub exports 1,000 static routes via B's tunnel address into the kernel; keyrouted
 * turns them into B's AllowedIPs, traffic to one of them reaches B, disabling the protocol removes
 * them all, and a keyrouted restart (BIRD re-installs the routes when the interface returns)
 * leaves exactly the same entries.
 */
@RequiresRoot
class BirdRoutesIT {
    private static final int ROUTES = 1000;
    private static final Duration FOLLOW = Duration.ofSeconds(30);

    static String prefix(int i) {
        return "10." + (100 + i / 256) + "." + (i % 256) + ".0/24";
    }

    @Test
    void shouldFollowThousandBirdRoutesIntoAllowedIpsAndDropThemWhenProtocolIsDisabled() throws Exception {
        try (HubTopology t = new HubTopology(List.of())) {
            t.b.exec("ip", "addr", "add", "10.100.0.1/32", "dev", "lo");
            Path dir = Logs.dir().resolve("bird-" + t.ifA);
            Files.createDirectories(dir);
            Path conf = dir.resolve("bird.conf");
            Path sock = dir.resolve("bird.ctl");
            Files.writeString(conf, config(t.ifA));
            List<String> expected = new ArrayList<>(List.of("10.0.0.2/32", "fd00:10::2/128"));
            for (int i = 0; i < ROUTES; i++) {
                expected.add(prefix(i));
            }

            long t0 = System.nanoTime();
            t.a.spawn("bird", "-f", "-c", conf.toString(), "-s", sock.toString(), "-P", dir.resolve("bird.pid").toString());
            t.awaitAllowedIps(t.keysB, expected, FOLLOW);
            long appearMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("[route] BIRD start to " + ROUTES + " routes in wg show allowed-ips: " + appearMs + " ms");
            Ping.assertReachable(t.a, "10.100.0.1");

            t.a.exec("birdc", "-s", sock.toString(), "disable", "static1");
            long t1 = System.nanoTime();
            t.awaitAllowedIps(t.keysB, List.of("10.0.0.2/32", "fd00:10::2/128"), FOLLOW);
            System.out.println("[route] birdc disable to all routes gone: " + (System.nanoTime() - t1) / 1_000_000 + " ms");

            t.a.exec("birdc", "-s", sock.toString(), "enable", "static1");
            t.awaitAllowedIps(t.keysB, expected, FOLLOW);
            t.stopHub();
            Files.deleteIfExists(t.status); // what the counters say next is the restarted keyrouted's
            long t2 = System.nanoTime();
            t.startHub();
            t.awaitAllowedIps(t.keysB, expected, FOLLOW);
            System.out.println("[route] keyrouted restart to " + ROUTES + " routes back: " + (System.nanoTime() - t2) / 1_000_000 + " ms");
            assertEquals(List.of("10.0.0.3/32", "fd00:10::3/128"), t.allowedIpsOf(t.keysC), "nothing stale at C");
            // The status file is rewritten at most every 100 ms, so it may lag the routes by that much.
            Sleep.await(FOLLOW, () -> t.counter("resyncs") >= 1, () -> "the restarted keyrouted's start-up resync counted");
            Ping.assertReachable(t.a, "10.100.0.1");
        }
    }

    private static String config(String ifname) {
        StringBuilder sb = new StringBuilder();
        sb.append("router id 10.0.0.1;\n");
        sb.append("protocol device { scan time 2; }\n");
        sb.append("protocol kernel kernel4 { ipv4 { import none; export all; }; }\n");
        sb.append("protocol static static1 {\n  ipv4;\n");
        for (int i = 0; i < ROUTES; i++) {
            sb.append("  route ").append(prefix(i)).append(" via 10.0.0.2;\n");
        }
        sb.append("}\n");
        return sb.toString();
    }

    static void write(Path p, String s) {
        try {
            Files.writeString(p, s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
