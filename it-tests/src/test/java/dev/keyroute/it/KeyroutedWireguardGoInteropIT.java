package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** keyrouted (left, started with --config) against wireguard-go (right, configured by wg setconf). */
@RequiresRoot
class KeyroutedWireguardGoInteropIT {

    @Test
    void shouldPingWireguardGoWhenKeyroutedInitiatesHandshake() {
        try (TunnelPair t = TunnelPair.start(Engine.KEYROUTED, Engine.WIREGUARD_GO)) {
            Ping.assertReachable(t.left().ns(), TunnelPlan.RIGHT_V4);
            Ping.assertReachable(t.right().ns(), TunnelPlan.LEFT_V4);
            Ping.assertReachable(t.left().ns(), TunnelPlan.RIGHT_V6);
            Ping.assertReachable(t.right().ns(), TunnelPlan.LEFT_V6);
        }
    }

    @Test
    void shouldPingKeyroutedWhenWireguardGoInitiatesHandshake() {
        try (TunnelPair t = TunnelPair.start(Engine.KEYROUTED, Engine.WIREGUARD_GO)) {
            Ping.assertReachable(t.right().ns(), TunnelPlan.LEFT_V4);
            Ping.assertReachable(t.left().ns(), TunnelPlan.RIGHT_V4);
            Ping.assertReachable(t.right().ns(), TunnelPlan.LEFT_V6);
            Ping.assertReachable(t.left().ns(), TunnelPlan.RIGHT_V6);
        }
    }

    @Test
    void shouldCarryTcpBothWaysBetweenKeyroutedAndWireguardGo() {
        try (TunnelPair t = TunnelPair.start(Engine.KEYROUTED, Engine.WIREGUARD_GO)) {
            Iperf3Result up = Iperf3.tcp(t.right().ns(), TunnelPlan.RIGHT_V4, t.left().ns(), 3, 1, false);
            System.out.println("[interop] keyrouted -> wireguard-go TCP, 3 s: " + up);
            Iperf3Result down = Iperf3.tcp(t.right().ns(), TunnelPlan.RIGHT_V4, t.left().ns(), 3, 1, true);
            System.out.println("[interop] wireguard-go -> keyrouted TCP, 3 s: " + down);
            assertTrue(up.bytesReceived() > 0, "keyrouted -> wireguard-go carried nothing: " + up);
            assertTrue(down.bytesReceived() > 0, "wireguard-go -> keyrouted carried nothing: " + down);
            // WireGuard counts ciphertext, which is larger than the TCP payload iperf3 counted.
            TrafficAssertions.assertHandshakeAndTransfer(t.left(), t.plan().rightKeys().publicKey(),
                    down.bytesReceived(), up.bytesReceived());
        }
    }

    @Test
    void shouldReportPeerHandshakeEndpointAndTransferInWgShowDump() {
        try (TunnelPair t = TunnelPair.start(Engine.KEYROUTED, Engine.WIREGUARD_GO)) {
            Ping.assertReachable(t.left().ns(), TunnelPlan.RIGHT_V4);
            WgDump dump = t.left().dump();
            assertEquals(t.plan().leftKeys().publicKey(), dump.publicKey(), "own public key");
            assertEquals(TunnelPlan.PORT, dump.listenPort(), "listen port");
            WgDump.Peer peer = TrafficAssertions.assertHandshakeAndTransfer(t.left(),
                    t.plan().rightKeys().publicKey(), 1, 1);
            assertEquals(TwoHosts.UNDERLAY_RIGHT + ":" + TunnelPlan.PORT, peer.endpoint(), "peer endpoint");
            assertEquals(List.of(TunnelPlan.RIGHT_V4 + "/32", TunnelPlan.RIGHT_V6 + "/128"),
                    peer.allowedIps().stream().sorted().toList(), "peer allowed IPs");
            TrafficAssertions.assertHandshakeAndTransfer(t.right(), t.plan().leftKeys().publicKey(), 1, 1);
        }
    }
}
