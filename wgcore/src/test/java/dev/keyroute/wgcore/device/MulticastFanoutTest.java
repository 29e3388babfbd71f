package dev.keyroute.wgcore.device;

import static dev.keyroute.wgcore.testing.Packets.ipv6Udp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.noise.StaticIdentity;
import org.junit.jupiter.api.Test;

class MulticastFanoutTest {
    /** ff02::1:6, the Babel routers group; UDP port 6696. */
    private static final byte[] BABEL_GROUP = Prefix.parse("ff02::1:6/128").address();
    private static final int BABEL_PORT = 6696;

    private static byte[] hello(byte[] src) {
        return ipv6Udp(src, BABEL_GROUP, BABEL_PORT, BABEL_PORT, 24);
    }

    @Test
    void shouldFanOutLinkLocalMulticastToEveryPeerAfterHandshakesItTriggered() throws Exception {
        try (EngineMesh m = new EngineMesh(4)) {
            byte[] pkt = hello(m.ll(0));
            m.send(0, pkt);
            for (int j = 1; j < 4; j++) {
                assertEquals(1, m.peer(0, j).stagedCount(), "staged for peer " + j);
                assertEquals(1, m.peer(0, j).multicast().sent());
            }
            m.pump();
            for (int j = 1; j < 4; j++) {
                assertArrayEquals(pkt, m.tun(j).takeWritten(0), "peer " + j);
                assertNull(m.tun(j).takeWritten(0), "exactly one copy at peer " + j);
                assertEquals(1, m.peer(j, 0).multicast().received());
                assertTrue(m.peer(0, j).hasSession());
            }
            assertEquals(3, m.device(0).counters().events(DeviceCounters.Event.HANDSHAKE_INITIATION_SENT));
        }
    }

    @Test
    void shouldSendAtOnceToPeersWithSessionAndStageForTheOthers() throws Exception {
        try (EngineMesh m = new EngineMesh(3)) {
            m.send(0, ipv6Udp(m.ll(0), m.ll(1), 1, 2, 8)); // unicast to LL(1): a session with 1 only
            m.pump();
            m.tun(1).takeWritten(0);
            long before = m.peer(0, 1).txPackets();
            m.send(0, hello(m.ll(0)));
            assertEquals(before + 1, m.peer(0, 1).txPackets(), "sent at once on the live session");
            assertEquals(0, m.peer(0, 1).stagedCount());
            assertEquals(1, m.peer(0, 2).stagedCount(), "staged until the handshake completes");
            m.pump();
            assertTrue(m.tun(1).takeWritten(0) != null && m.tun(2).takeWritten(0) != null);
        }
    }

    @Test
    void shouldSkipPeerWithoutEndpointWithoutStallingOthers() throws Exception {
        try (EngineMesh m = new EngineMesh(3)) {
            Peer silent = m.device(0).addPeer(StaticIdentity.derivePublic(StaticIdentity.generatePrivate()));
            m.send(0, hello(m.ll(0)));
            m.pump();
            assertEquals(1, silent.multicast().skippedNoEndpoint());
            assertEquals(0, silent.multicast().sent());
            assertEquals(0, silent.stagedCount());
            assertTrue(m.tun(1).takeWritten(0) != null && m.tun(2).takeWritten(0) != null);
        }
    }

    @Test
    void shouldRejectMulticastWhoseSourceIsNotTheSendersLinkLocal() throws Exception {
        try (EngineMesh m = new EngineMesh(3)) {
            m.send(1, hello(m.ll(1)));
            m.pump();
            m.tun(0).takeWritten(0);
            m.tun(2).takeWritten(0);
            m.send(1, hello(m.ll(2))); // engine 1 pretends to be engine 2
            m.pump();
            assertNull(m.tun(0).takeWritten(0));
            assertEquals(1, m.device(0).counters().drops(DropReason.MULTICAST_SOURCE_NOT_ALLOWED));
            assertEquals(1, m.peer(0, 1).multicast().refused());
            assertNull(m.tun(2).takeWritten(0), "2 does not accept its own address from 1 either");
            assertEquals(1, m.device(2).counters().drops(DropReason.MULTICAST_SOURCE_NOT_ALLOWED));
        }
    }

    @Test
    void shouldRejectForgedMulticastSourceEvenWithSourceCheckOff() throws Exception {
        try (EngineMesh m = new EngineMesh(3)) {
            m.device(0).setSourceCheck(Device.SourceCheck.OFF);
            m.send(1, hello(m.ll(2)));
            m.pump();
            assertNull(m.tun(0).takeWritten(0));
            assertEquals(1, m.device(0).counters().drops(DropReason.MULTICAST_SOURCE_NOT_ALLOWED));
        }
    }

    @Test
    void shouldAcceptMulticastFromAddressRoutedToTheSender() throws Exception {
        try (EngineMesh m = new EngineMesh(2)) {
            byte[] src = Prefix.parse("fd00:1::1/128").address();
            m.device(0).allowedIps().addStatic(m.peer(0, 1), Prefix.parse("fd00:1::/64"));
            byte[] pkt = hello(src);
            m.send(1, pkt);
            m.pump();
            assertArrayEquals(pkt, m.tun(0).takeWritten(0));
        }
    }

    @Test
    void shouldRouteMulticastLikeUnicastWhenFanoutIsOff() throws Exception {
        try (EngineMesh m = new EngineMesh(3)) {
            m.device(0).setMulticast(Device.Multicast.OFF);
            m.send(0, hello(m.ll(0)));
            assertEquals(1, m.device(0).counters().drops(DropReason.NO_PEER_FOR_DESTINATION));
            assertEquals(0, m.peer(0, 1).stagedCount() + m.peer(0, 2).stagedCount());
            m.device(0).allowedIps().addStatic(m.peer(0, 2), Prefix.parse("::/0"));
            m.send(0, hello(m.ll(0)));
            assertEquals(1, m.peer(0, 2).stagedCount(), "WireGuard semantics: the one peer owning the group");
            assertEquals(0, m.peer(0, 1).stagedCount());
        }
    }

    @Test
    void shouldNotFanOutMulticastBeyondLinkScope() throws Exception {
        try (EngineMesh m = new EngineMesh(3)) {
            byte[] siteGroup = Prefix.parse("ff05::1:3/128").address();
            m.send(0, ipv6Udp(m.ll(0), siteGroup, 1, 2, 8));
            assertEquals(0, m.peer(0, 1).multicast().sent() + m.peer(0, 2).multicast().sent());
            assertEquals(1, m.device(0).counters().drops(DropReason.NO_PEER_FOR_DESTINATION));
        }
    }

    @Test
    void shouldTreatFlaggedLinkScopeGroupsAsLinkLocal() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Prefix.parse("ff12::1/128").address());
        assertTrue(LinkScope.isLinkLocalMulticast(b, 0));
        org.junit.jupiter.api.Assertions.assertFalse(LinkScope.isLinkLocalMulticast(java.nio.ByteBuffer.wrap(Prefix.parse("fe80::1/128").address()), 0));
    }
}
