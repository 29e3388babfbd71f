package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** keyrouted on both ends. */
@RequiresRoot
class KeyroutedPairIT {

    @Test
    void shouldPingAndCarryTcpBetweenTwoKeyroutedPeers() {
        try (TunnelPair t = TunnelPair.start(Engine.KEYROUTED, Engine.KEYROUTED)) {
            Ping.assertReachable(t.left().ns(), TunnelPlan.RIGHT_V4);
            Ping.assertReachable(t.right().ns(), TunnelPlan.LEFT_V4);
            Ping.assertReachable(t.left().ns(), TunnelPlan.RIGHT_V6);
            Iperf3Result r = Iperf3.tcp(t.right().ns(), TunnelPlan.RIGHT_V4, t.left().ns(), 3, 1, false);
            System.out.println("[pair] keyrouted -> keyrouted TCP, 3 s: " + r);
            assertTrue(r.bytesReceived() > 0, "no bytes arrived: " + r);
            TrafficAssertions.assertHandshakeAndTransfer(t.left(), t.plan().rightKeys().publicKey(), 1,
                    r.bytesReceived());
            TrafficAssertions.assertHandshakeAndTransfer(t.right(), t.plan().leftKeys().publicKey(),
                    r.bytesReceived(), 1);
        }
    }
}
