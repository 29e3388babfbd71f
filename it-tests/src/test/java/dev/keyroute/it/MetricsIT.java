package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * keyrouted (left, metrics on its namespace's 127.0.0.1) against wireguard-go (right). Scrapes
 * {@code /metrics} with java.net.http during traffic and control-socket churn and checks the values
 * against what the test did.
 */
@RequiresRoot
class MetricsIT {
    private static final int METRICS_PORT = 9586;
    private static final String URL = "http://127.0.0.1:" + METRICS_PORT + "/metrics";

    private record Setup(TwoHosts hosts, TunnelPlan plan, KeyroutedPeer left, WgDevice right, HttpScrape http)
            implements AutoCloseable {
        static Setup start() {
            TunnelPlan plan = TunnelPlan.generate();
            TwoHosts hosts = TwoHosts.create();
            KeyroutedPeer l = null;
            try {
                l = KeyroutedPeer.start(hosts.left(), Names.ifname(), plan.leftConfig(),
                        "--metrics-address", "127.0.0.1:" + METRICS_PORT);
                WgDevice r = Engine.WIREGUARD_GO.start(hosts.right(), Names.ifname(), plan.rightConfig());
                return new Setup(hosts, plan, l, r, HttpScrape.start(hosts.left()));
            } catch (RuntimeException | AssertionError e) {
                try {
                    if (l != null) {
                        l.close();
                    }
                } finally {
                    hosts.close();
                }
                throw e;
            }
        }

        Scrape scrape() {
            return new Scrape(http.get(URL));
        }

        String rightKeyLabel() {
            return "public_key=\"" + plan.rightKeys().publicKey() + "\"";
        }

        @Override
        public void close() {
            http.close();
            try {
                try {
                    right.close();
                } finally {
                    left.close();
                }
            } finally {
                hosts.close();
            }
        }
    }

    @Test
    void shouldMatchScrapedTransferDropsAndPrefixesToWhatWasDone() throws Exception {
        try (Setup s = Setup.start()) {
            String peer = s.rightKeyLabel();
            Ping.assertReachable(s.left().ns(), TunnelPlan.RIGHT_V4);
            Scrape before = s.scrape();
            double handshake = before.value("wireguard_latest_handshake_seconds", peer);
            double now = System.currentTimeMillis() / 1000.0;
            assertTrue(Math.abs(now - handshake) < 60, "latest handshake " + handshake + " vs now " + now);
            assertTrue(before.value("keyroute_handshakes_completed_total") >= 1);
            assertEquals(1.0, before.value("keyroute_peer_up", peer));

            // traffic: keyrouted sends with iperf3 while the control socket churns prefixes
            CompletableFuture<Iperf3Result> iperf = CompletableFuture.supplyAsync(
                    () -> Iperf3.tcp(s.right().ns(), TunnelPlan.RIGHT_V4, s.left().ns(), 6, 1, false));
            Thread.sleep(2000);
            long t0 = System.nanoTime();
            Scrape during = s.scrape();
            System.out.printf("[metrics] scrape from inside the namespace took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            Path sock = ControlSocketClient.defaultPath(s.left().ifname());
            int added = 0;
            try (ControlSocketClient c = new ControlSocketClient(sock)) {
                String key = s.plan().rightKeys().publicKey();
                for (int round = 0; round < 5; round++) {
                    for (int i = 0; i < 60; i++) {
                        assertEquals("ok", c.request("add 10.200." + i + ".0/24 " + key));
                    }
                    for (int i = 40; i < 60; i++) {
                        assertEquals("ok", c.request("del 10.200." + i + ".0/24 " + key));
                    }
                }
                for (int i = 0; i < 10; i++) {
                    assertEquals("ok", c.request("add fd77:" + i + "::/64 " + key));
                }
                added = 40;
            }
            Iperf3Result r = iperf.get();
            Scrape after = s.scrape();
            double sent0 = before.value("wireguard_sent_bytes_total", peer);
            double sentMid = during.value("wireguard_sent_bytes_total", peer);
            double sent1 = after.value("wireguard_sent_bytes_total", peer);
            double packets = after.value("keyroute_peer_sent_packets_total", peer)
                    - before.value("keyroute_peer_sent_packets_total", peer);
            double ratio = (sent1 - sent0) / r.bytesReceived();
            // without WireGuard (32 bytes) and IPv4+TCP+timestamp (52 bytes) overhead per packet, and without
            // the full-sized segments TCP sent again (1420 MTU - 52 = 1368 payload bytes each)
            double payloadRatio = (sent1 - sent0 - packets * (32 + 52) - r.retransmits() * 1368.0) / r.bytesReceived();
            System.out.printf("[metrics] iperf3 %d bytes received (%d retransmits); wireguard_sent_bytes_total +%.0f in %.0f"
                    + " packets: ratio %.4f, payload ratio %.4f; mid-run scrape +%.0f%n", r.bytesReceived(), r.retransmits(),
                    sent1 - sent0, packets, ratio, payloadRatio, sentMid - sent0);
            assertTrue(sentMid > sent0 && sentMid < sent1, "scrape during traffic sees a partial count");
            assertTrue(ratio >= 1.0 && ratio <= 1.4, "sent bytes / iperf bytes = " + ratio);
            assertTrue(payloadRatio >= 0.95 && payloadRatio <= 1.1, "payload bytes / iperf bytes = " + payloadRatio);
            double rx = after.value("wireguard_received_bytes_total", peer) - before.value("wireguard_received_bytes_total", peer);
            assertTrue(rx > 0 && rx < (sent1 - sent0) / 5, "received (ACKs) " + rx);

            assertEquals(added, after.value("keyroute_prefixes", peer, "family=\"ipv4\"", "source=\"api\""));
            assertEquals(10.0, after.value("keyroute_prefixes", peer, "family=\"ipv6\"", "source=\"api\""));
            assertEquals(1.0, after.value("keyroute_prefixes", peer, "family=\"ipv4\"", "source=\"static\""));
            assertEquals(1.0, after.value("keyroute_prefixes", peer, "family=\"ipv6\"", "source=\"static\""));
            assertEquals(added + 12.0, after.value("keyroute_allowed_ips_entries"));
            assertEquals(5 * 80 + 10.0, after.value("keyroute_control_commands_total", "result=\"ok\""));
            assertEquals(s.left().dump().peers().get(0).allowedIps().size(), added + 12, "wg show agrees");

            // forged source: wireguard-go sends from 10.241.0.99, which keyrouted does not allow for that peer
            double drops0 = after.value("keyroute_packets_dropped_total", "reason=\"source_not_allowed\"");
            s.right().ns().exec("ip", "addr", "add", "10.241.0.99/32", "dev", s.right().ifname());
            try {
                s.right().ns().exec(Duration.ofSeconds(20), "ping", "-c", "5", "-i", "0.2", "-W", "1",
                        "-I", "10.241.0.99", TunnelPlan.LEFT_V4);
            } catch (CommandFailedException expected) {
                // no replies: keyrouted dropped every request
            }
            double drops1 = s.scrape().value("keyroute_packets_dropped_total", "reason=\"source_not_allowed\"");
            System.out.printf("[metrics] forged-source pings: source_not_allowed %.0f -> %.0f%n", drops0, drops1);
            assertEquals(5.0, drops1 - drops0, "one drop per forged ping");
        }
    }

    @Test
    void shouldRouteTrafficToPrefixAddedOnControlSocketAndShowItInMonitor() throws Exception {
        try (Setup s = Setup.start()) {
            Path monitorLog = Logs.file(s.left().ifname() + "-monitor.log");
            ProcessBuilder pb = new ProcessBuilder(Repo.keyroute().toString(), "monitor", s.left().ifname(), "--json")
                    .redirectErrorStream(true).redirectOutput(monitorLog.toFile());
            pb.environment().putAll(KeyroutedPeer.env());
            Process monitor = pb.start();
            try {
                String key = s.plan().rightKeys().publicKey();
                Sleep.await(Duration.ofSeconds(20), () -> read(monitorLog).contains("\"event\":\"end\""),
                        () -> "monitor snapshot in " + monitorLog);
                s.right().ns().exec("ip", "addr", "add", "10.99.0.1/32", "dev", s.right().ifname());
                s.left().ns().exec("ip", "route", "add", "10.99.0.0/24", "dev", s.left().ifname());
                try (ControlSocketClient c = new ControlSocketClient(ControlSocketClient.defaultPath(s.left().ifname()))) {
                    assertEquals("ok", c.request("add 10.99.0.0/24 " + key));
                    Ping.assertReachable(s.left().ns(), "10.99.0.1");
                    assertEquals("ok", c.request("del 10.99.0.0/24 " + key));
                }
                Sleep.await(Duration.ofSeconds(10), () -> read(monitorLog).contains("\"event\":\"del\",\"prefix\":\"10.99.0.0/24\""),
                        () -> "monitor del event in " + monitorLog);
                String log = read(monitorLog);
                assertTrue(log.contains("\"event\":\"add\",\"prefix\":\"10.99.0.0/24\",\"peer\":\"" + key + "\",\"source\":\"api\""), log);
                assertTrue(log.contains("\"event\":\"peer-up\""), log);
                System.out.println("[metrics] monitor output:\n" + log);
            } finally {
                monitor.destroy();
                monitor.waitFor();
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
