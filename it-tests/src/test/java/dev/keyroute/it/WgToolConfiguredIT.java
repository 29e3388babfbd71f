package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * keyrouted started without --config and set up by hand, exactly as an administrator would with
 * the stock tools: {@code wg set} over the UAPI socket, then {@code ip addr} and {@code ip link}.
 */
@RequiresRoot
class WgToolConfiguredIT {

    @Test
    void shouldCarryTrafficWhenKeyroutedIsConfiguredOnlyWithWgAndIpTools() {
        TunnelPlan plan = TunnelPlan.generate();
        try (TwoHosts hosts = TwoHosts.create();
             WgDevice right = Engine.WIREGUARD_GO.start(hosts.right(), Names.ifname(), plan.rightConfig());
             KeyroutedPeer left = KeyroutedPeer.start(hosts.left(), Names.ifname())) {
            String ifname = left.ifname();
            assertFalse(IpLink.isUp(hosts.left(), ifname), "without --config the link must stay down");
            assertEquals("(none)", left.dump().privateKey(), "without --config there is no private key");

            try (SecretFile key = SecretFile.write(ifname + ".key", plan.leftKeys().privateKey() + "\n")) {
                left.wg("set", ifname,
                        "private-key", key.path().toString(),
                        "listen-port", Integer.toString(TunnelPlan.PORT),
                        "peer", plan.rightKeys().publicKey(),
                        "endpoint", TwoHosts.UNDERLAY_RIGHT + ":" + TunnelPlan.PORT,
                        "allowed-ips", TunnelPlan.RIGHT_V4 + "/32," + TunnelPlan.RIGHT_V6 + "/128");
            }
            hosts.left().exec("ip", "addr", "add", TunnelPlan.LEFT_V4 + "/24", "dev", ifname);
            hosts.left().exec("ip", "addr", "add", TunnelPlan.LEFT_V6 + "/64", "dev", ifname, "nodad");
            hosts.left().exec("ip", "link", "set", "dev", ifname, "mtu", Integer.toString(TunnelPlan.MTU), "up");

            WgDump dump = left.dump();
            assertEquals(plan.leftKeys().publicKey(), dump.publicKey(), "public key derived from the private key");
            assertEquals(TunnelPlan.PORT, dump.listenPort());
            assertTrue(dump.peer(plan.rightKeys().publicKey()).isPresent(), "peer added: " + dump);

            Ping.assertReachable(hosts.left(), TunnelPlan.RIGHT_V4);
            Ping.assertReachable(hosts.right(), TunnelPlan.LEFT_V4);
            Ping.assertReachable(hosts.left(), TunnelPlan.RIGHT_V6);
            TrafficAssertions.assertHandshakeAndTransfer(left, plan.rightKeys().publicKey(), 1, 1);
        }
    }
}
