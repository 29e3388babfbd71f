package dev.keyroute.daemon.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.config.Prefix;
import dev.keyroute.daemon.control.ControlCommands;
import dev.keyroute.daemon.notify.TestDevice;
import dev.keyroute.wgcore.device.DropReason;
import dev.keyroute.wgcore.device.Peer;
import dev.keyroute.wgcore.device.PeerSet;
import dev.keyroute.wgcore.device.RouteInfo;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InterfaceMetricsTest {
    private final TestDevice t = new TestDevice(16, 2);
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final InterfaceMetrics metrics = new InterfaceMetrics(registry, "wg7", t.device, t.journal,
            new ControlCommands(t.device));

    @AfterEach
    void close() {
        t.close();
    }

    private String scrape() {
        metrics.refresh();
        return registry.scrape();
    }

    /** The value of the one sample of {@code name} whose labels contain all of {@code labels}. */
    static double value(String text, String name, String... labels) {
        Double found = null;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$").matcher(text);
        while (m.find()) {
            boolean all = true;
            for (String l : labels) {
                all &= m.group(1).contains(l);
            }
            if (all) {
                if (found != null) {
                    throw new AssertionError("several samples of " + name + " match " + List.of(labels));
                }
                found = Double.parseDouble(m.group(2));
            }
        }
        if (found == null) {
            throw new AssertionError("no sample " + name + " " + List.of(labels) + " in\n" + text);
        }
        return found;
    }

    @Test
    void shouldExposePerPeerTransferAndHandshakeUnderExporterNames() {
        String text = scrape();
        for (Peer p : t.peers) {
            String key = "public_key=\"" + p.publicKey().toBase64() + "\"";
            assertEquals(0.0, value(text, "wireguard_sent_bytes_total", "interface=\"wg7\"", key));
            assertEquals(0.0, value(text, "wireguard_received_bytes_total", "interface=\"wg7\"", key));
            assertEquals(0.0, value(text, "wireguard_latest_handshake_seconds", "interface=\"wg7\"", key));
        }
        assertTrue(text.contains("# TYPE wireguard_sent_bytes_total counter"), text);
    }

    @Test
    void shouldCountLinkLocalMulticastFanOutPerPeer() {
        byte[] src = Prefix.parse("fe80::1/128").address();
        byte[] group = Prefix.parse("ff02::1:6/128").address(); // babel's group
        t.device.route(java.nio.ByteBuffer.wrap(dev.keyroute.wgcore.testing.Packets.ipv6Udp(src, group, 6696, 6696, 20)));
        String text = scrape();
        for (Peer p : t.peers) {
            String key = "public_key=\"" + p.publicKey().toBase64() + "\"";
            double out = value(text, "keyroute_peer_multicast_packets_total", key, "direction=\"out\"", "outcome=\"sent\"")
                    + value(text, "keyroute_peer_multicast_packets_total", key, "direction=\"out\"",
                            "outcome=\"skipped_no_endpoint\"");
            assertEquals(1.0, out, "one fan-out copy accounted for " + key);
            assertEquals(0.0, value(text, "keyroute_peer_multicast_packets_total", key, "outcome=\"refused\""));
        }
    }

    @Test
    void shouldCountPrefixesByPeerFamilyAndSource() {
        Peer a = t.peers.get(0);
        Peer b = t.peers.get(1);
        String ka = "public_key=\"" + a.publicKey().toBase64() + "\"";
        String kb = "public_key=\"" + b.publicKey().toBase64() + "\"";
        t.device.allowedIps().addStatic(a, Prefix.parse("10.0.0.2/32"));
        t.device.allowedIps().addStatic(a, Prefix.parse("fd00::2/128"));
        for (int i = 0; i < 7; i++) {
            t.device.allowedIps().setRoute(Prefix.of(new byte[] {10, 1, (byte) i, 0}, 24), b, new RouteInfo(254, 186, 0));
        }
        t.device.allowedIps().addApi(b, Prefix.parse("fd01::/64"));
        t.device.allowedIps().setRoute(Prefix.parse("10.9.0.0/16"), new PeerSet(List.of(a, b), List.of(1, 1)));
        String text = scrape();
        assertEquals(1.0, value(text, "keyroute_prefixes", ka, "family=\"ipv4\"", "source=\"static\""));
        assertEquals(1.0, value(text, "keyroute_prefixes", ka, "family=\"ipv6\"", "source=\"static\""));
        assertEquals(1.0, value(text, "keyroute_prefixes", ka, "family=\"ipv4\"", "source=\"route\""));
        assertEquals(8.0, value(text, "keyroute_prefixes", kb, "family=\"ipv4\"", "source=\"route\""));
        assertEquals(1.0, value(text, "keyroute_prefixes", kb, "family=\"ipv6\"", "source=\"api\""));
        assertEquals(11.0, value(text, "keyroute_allowed_ips_entries", "interface=\"wg7\""));
        t.device.removePeer(b.publicKey());
        text = scrape();
        assertFalse(text.contains(b.publicKey().toBase64()), "removed peer's series are gone");
        assertEquals(2.0, value(text, "keyroute_allowed_ips_entries", "interface=\"wg7\""));
    }

    @Test
    void shouldExposeEveryDropReasonAndHandshakeCounters() {
        t.device.counters().drop(DropReason.SOURCE_NOT_ALLOWED);
        t.device.counters().drop(DropReason.SOURCE_NOT_ALLOWED);
        String text = scrape();
        for (DropReason r : DropReason.values()) {
            double v = value(text, "keyroute_packets_dropped_total", "reason=\"" + r.label() + "\"");
            assertEquals(r == DropReason.SOURCE_NOT_ALLOWED ? 2.0 : 0.0, v, r.label());
        }
        for (String n : List.of("keyroute_handshakes_initiated_total", "keyroute_handshakes_completed_total",
                "keyroute_handshakes_failed_total", "keyroute_cookie_replies_sent_total")) {
            assertEquals(0.0, value(text, n, "interface=\"wg7\""), n);
        }
    }

    @Test
    void shouldCountRouteFollowerReportsAndRecordLatency() throws Exception {
        Prefix p = Prefix.parse("10.8.0.0/16");
        metrics.routeEvent("add");
        metrics.routeEvent("add");
        metrics.routeEvent("del");
        metrics.resyncStarted("overrun");
        metrics.netlinkOverrun();
        metrics.nextHopPending(p, InetAddress.getByName("fe80::9"), RouteInfo.NONE);
        metrics.nextHopPending(Prefix.parse("10.7.0.0/16"), InetAddress.getByName("fe80::9"), RouteInfo.NONE);
        metrics.nextHopResolved(p, InetAddress.getByName("fe80::9"), t.peers.get(0).publicKey());
        metrics.routeApplied(System.nanoTime() - 2_000_000);
        String text = scrape();
        assertEquals(2.0, value(text, "keyroute_route_events_total", "type=\"add\""));
        assertEquals(1.0, value(text, "keyroute_route_events_total", "type=\"del\""));
        assertEquals(1.0, value(text, "keyroute_route_resyncs_total", "interface=\"wg7\""));
        assertEquals(1.0, value(text, "keyroute_route_netlink_overruns_total", "interface=\"wg7\""));
        assertEquals(1.0, value(text, "keyroute_route_nexthops_pending", "interface=\"wg7\""));
        assertEquals(1.0, value(text, "keyroute_route_apply_latency_seconds_count", "interface=\"wg7\""));
        double sum = value(text, "keyroute_route_apply_latency_seconds_sum", "interface=\"wg7\"");
        assertTrue(sum >= 0.002 && sum < 1, "latency sum " + sum);
        assertTrue(text.contains("keyroute_route_apply_latency_seconds_bucket{"), "histogram buckets");
    }

    @Test
    void shouldCountSubscribersAndNotificationOverruns() throws Exception {
        var s = t.journal.subscribe();
        for (int i = 0; i < 20; i++) {
            t.device.allowedIps().addApi(t.peers.get(0), Prefix.of(new byte[] {10, 3, (byte) i, 0}, 24));
        }
        var live = t.journal.subscribe();
        String text = scrape();
        assertTrue(s.overrun());
        assertEquals(1.0, value(text, "keyroute_notification_subscribers", "interface=\"wg7\""));
        assertEquals(1.0, value(text, "keyroute_notification_overruns_total", "interface=\"wg7\""));
        assertEquals(t.journal.published(), (long) value(text, "keyroute_notification_events_total", "interface=\"wg7\""));
        live.close();
        assertEquals(0.0, value(scrape(), "keyroute_notification_subscribers", "interface=\"wg7\""));
    }
}
