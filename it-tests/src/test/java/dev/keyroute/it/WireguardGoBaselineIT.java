package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * wireguard-go against itself: proves the harness (namespaces, veth, keys, wg setconf, ping,
 * iperf3) independently of keyroute, and gives the baseline the keyroute tests are read against.
 */
@RequiresRoot
class WireguardGoBaselineIT {

    @Test
    void shouldPingBetweenTwoWireguardGoPeers() {
        try (TunnelPair t = TunnelPair.start(Engine.WIREGUARD_GO, Engine.WIREGUARD_GO)) {
            Ping.assertReachable(t.left().ns(), TunnelPlan.RIGHT_V4);
            Ping.assertReachable(t.right().ns(), TunnelPlan.LEFT_V4);
            Ping.assertReachable(t.left().ns(), TunnelPlan.RIGHT_V6);
            Ping.assertReachable(t.right().ns(), TunnelPlan.LEFT_V6);
        }
    }

    @Test
    void shouldCarryTcpBetweenTwoWireguardGoPeers() {
        try (TunnelPair t = TunnelPair.start(Engine.WIREGUARD_GO, Engine.WIREGUARD_GO)) {
            Iperf3Result r = Iperf3.tcp(t.right().ns(), TunnelPlan.RIGHT_V4, t.left().ns(), 3, 1, false);
            System.out.println("[baseline] wireguard-go -> wireguard-go TCP, 3 s, 1 stream: " + r);
            assertTrue(r.bytesReceived() > 0, "no bytes arrived: " + r);
        }
    }
}
