package dev.keyroute.wgcore.device;

import static dev.keyroute.wgcore.testing.Packets.ipv4Udp;
import static dev.keyroute.wgcore.testing.Packets.v4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.testing.FakeNetwork;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeviceSessionTest {
    private static final byte[] A = v4(10, 0, 0, 1);
    private static final byte[] B = v4(10, 0, 0, 2);

    private static byte[] aToB(int len) {
        return ipv4Udp(A, B, 1000, 2000, len);
    }

    private static byte[] bToA(int len) {
        return ipv4Udp(B, A, 2000, 1000, len);
    }

    @Test
    void shouldDeliverFirstPacketAfterHandshakeItTriggered() throws Exception {
        try (EnginePair p = new EnginePair()) {
            byte[] pkt = aToB(100);
            EnginePair.send(p.a, pkt);
            assertEquals(1, p.bOnA.stagedCount());
            p.pump();
            assertArrayEquals(pkt, p.tunB.takeWritten(0));
            assertTrue(p.bOnA.hasSession());
            assertNotEquals(0, p.bOnA.lastHandshakeEpochNanos());
            assertEquals(1, p.a.counters().events(DeviceCounters.Event.HANDSHAKE_COMPLETED));
        }
    }

    @Test
    void shouldCarryTrafficBothWaysOnceResponderSessionIsConfirmed() throws Exception {
        try (EnginePair p = new EnginePair()) {
            EnginePair.send(p.a, aToB(10));
            p.pump();
            assertNotNull(p.tunB.takeWritten(0));
            for (int i = 0; i < 20; i++) {
                byte[] x = bToA(i * 70);
                EnginePair.send(p.b, x);
                p.pump();
                assertArrayEquals(x, p.tunA.takeWritten(0), "packet " + i);
            }
            assertEquals(1, p.a.counters().events(DeviceCounters.Event.HANDSHAKE_INITIATION_SENT));
            assertEquals(0, p.b.counters().events(DeviceCounters.Event.HANDSHAKE_INITIATION_SENT));
            assertTrue(p.aOnB.rxBytes() > 0 && p.aOnB.txBytes() > 0);
        }
    }

    @Test
    void shouldRejectPacketWhenSourceRoutesToOtherPeer() throws Exception {
        try (EnginePair p = new EnginePair()) {
            EnginePair.send(p.a, aToB(10));
            p.pump();
            p.tunB.takeWritten(0);
            // A routes 10.9.9.9 to B, but B only accepts 10.0.0.1 from A.
            p.a.allowedIps().addStatic(p.bOnA, Prefix.parse("10.9.9.0/24"));
            EnginePair.send(p.a, ipv4Udp(v4(10, 0, 0, 77), v4(10, 9, 9, 9), 1, 2, 20));
            p.pump();
            assertNull(p.tunB.takeWritten(0));
            assertEquals(1, p.b.counters().drops(DropReason.SOURCE_NOT_ALLOWED));
        }
    }

    @Test
    void shouldAcceptAnySourceWhenSourceCheckIsOff() throws Exception {
        try (EnginePair p = new EnginePair()) {
            p.b.setSourceCheck(Device.SourceCheck.OFF);
            byte[] forged = ipv4Udp(v4(10, 0, 0, 77), B, 1, 2, 20);
            EnginePair.send(p.a, forged);
            p.pump();
            assertArrayEquals(forged, p.tunB.takeWritten(0));
        }
    }

    @Test
    void shouldDropReplayedTransportPacket() throws Exception {
        try (EnginePair p = new EnginePair()) {
            EnginePair.send(p.a, aToB(10));
            p.pump();
            p.tunB.takeWritten(0);
            List<FakeNetwork.Datagram> seen = new ArrayList<>();
            p.net.setFilter(d -> {
                seen.add(d);
                return true;
            });
            EnginePair.send(p.a, aToB(30));
            p.pump();
            assertNotNull(p.tunB.takeWritten(0));
            FakeNetwork.Datagram data = seen.stream().filter(d -> d.payload()[0] == 4 && d.payload().length > 32).findFirst().orElseThrow();
            p.net.inject(data);
            p.pump();
            assertNull(p.tunB.takeWritten(0));
            assertEquals(1, p.b.counters().drops(DropReason.REPLAY));
        }
    }

    @Test
    void shouldDropPacketWithNoPeerForDestination() throws Exception {
        try (EnginePair p = new EnginePair()) {
            EnginePair.send(p.a, ipv4Udp(A, v4(192, 168, 1, 1), 1, 2, 10));
            assertEquals(1, p.a.counters().drops(DropReason.NO_PEER_FOR_DESTINATION));
            assertEquals(0, p.net.inFlightCount());
        }
    }

    @Test
    void shouldRekeyWhenSendingOnSessionOlderThanRekeyAfterTime() throws Exception {
        try (EnginePair p = new EnginePair()) {
            EnginePair.send(p.a, aToB(10));
            p.pump();
            p.clock.advance(121, TimeUnit.SECONDS);
            EnginePair.send(p.a, aToB(10));
            p.pump();
            assertEquals(2, p.a.counters().events(DeviceCounters.Event.HANDSHAKE_COMPLETED));
            assertEquals(2, p.tunB.writtenCount());
        }
    }

    @Test
    void shouldStagePacketsInsteadOfUsingSessionPastRejectAfterTime() throws Exception {
        try (EnginePair p = new EnginePair()) {
            EnginePair.send(p.a, aToB(10));
            p.pump();
            p.tunB.takeWritten(0);
            p.net.setFilter(d -> false); // the network goes dark
            p.clock.advance(181, TimeUnit.SECONDS);
            EnginePair.send(p.a, aToB(10));
            p.pump();
            assertFalse(p.bOnA.hasSession());
            assertEquals(1, p.bOnA.stagedCount());
        }
    }

    @Test
    void shouldRetransmitInitiationWhenResponseIsLostAndEventuallyConnect() throws Exception {
        try (EnginePair p = new EnginePair()) {
            int[] responses = {0};
            p.net.setFilter(d -> !(d.payload()[0] == 2 && responses[0]++ == 0)); // lose the first response
            EnginePair.send(p.a, aToB(10));
            p.pump();
            assertNull(p.tunB.takeWritten(0));
            p.clock.advance(5400, TimeUnit.MILLISECONDS);
            p.pump();
            assertNotNull(p.tunB.takeWritten(0));
            assertEquals(2, p.a.counters().events(DeviceCounters.Event.HANDSHAKE_INITIATION_SENT));
        }
    }

    @Test
    void shouldGiveUpHandshakeAfterRekeyAttemptTimeAndWipeKeysLater() throws Exception {
        try (EnginePair p = new EnginePair()) {
            p.net.setFilter(d -> false);
            EnginePair.send(p.a, aToB(10));
            for (int i = 0; i < 40; i++) {
                p.pump();
                p.clock.advance(5500, TimeUnit.MILLISECONDS);
            }
            p.pump();
            assertEquals(1, p.a.counters().events(DeviceCounters.Event.HANDSHAKE_TIMED_OUT));
            assertEquals(0, p.bOnA.stagedCount());
            long sent = p.a.counters().events(DeviceCounters.Event.HANDSHAKE_INITIATION_SENT);
            assertTrue(sent >= 18 && sent <= 20, "initiations sent: " + sent);
        }
    }

    @Test
    void shouldZeroSessionKeysAfterThreeRejectAfterTimes() throws Exception {
        try (EnginePair p = new EnginePair()) {
            EnginePair.send(p.a, aToB(10));
            p.pump();
            assertNotNull(p.bOnA.keypairs.current());
            p.clock.advance(541, TimeUnit.SECONDS);
            p.a.runPending();
            assertNull(p.bOnA.keypairs.current());
            assertNull(p.bOnA.keypairs.previous());
        }
    }

    @Test
    void shouldSendKeepaliveWhenDataReceivedAndNothingToSendBack() throws Exception {
        try (EnginePair p = new EnginePair()) {
            EnginePair.send(p.a, aToB(10));
            p.pump();
            long before = p.b.counters().events(DeviceCounters.Event.KEEPALIVE_SENT);
            p.clock.advance(10_100, TimeUnit.MILLISECONDS);
            p.pump();
            assertEquals(before + 1, p.b.counters().events(DeviceCounters.Event.KEEPALIVE_SENT));
        }
    }

    @Test
    void shouldSendPersistentKeepaliveAtItsInterval() throws Exception {
        try (EnginePair p = new EnginePair()) {
            EnginePair.send(p.a, aToB(10));
            p.pump();
            p.bOnA.setPersistentKeepaliveSeconds(25);
            long before = p.a.counters().events(DeviceCounters.Event.KEEPALIVE_SENT);
            for (int i = 0; i < 6; i++) {
                p.clock.advance(25_100, TimeUnit.MILLISECONDS);
                p.pump();
            }
            assertTrue(p.a.counters().events(DeviceCounters.Event.KEEPALIVE_SENT) >= before + 6);
        }
    }

    @Test
    void shouldFollowPeerToNewEndpointWhenItRoams() throws Exception {
        try (EnginePair p = new EnginePair()) {
            EnginePair.send(p.a, aToB(10));
            p.pump();
            InetSocketAddress old = p.bOnA.endpoint();
            p.b.setListenPort(0); // B moves to a new port
            EnginePair.send(p.b, bToA(10));
            p.pump();
            assertNotNull(p.tunA.takeWritten(0));
            assertNotEquals(old, p.bOnA.endpoint());
            assertEquals(p.bindB.localAddress(), p.bOnA.endpoint());
            EnginePair.send(p.a, aToB(10));
            p.pump();
            assertNotNull(p.tunB.takeWritten(0));
        }
    }

    @Test
    void shouldAnswerWithCookieUnderLoadAndCompleteWithMac2() throws Exception {
        try (EnginePair p = new EnginePair()) {
            List<FakeNetwork.Datagram> initiations = new ArrayList<>();
            p.net.setFilter(d -> {
                if (d.payload()[0] == 1 && initiations.isEmpty()) {
                    initiations.add(d);
                    for (int i = 0; i < HandshakeWorker.UNDER_LOAD_THRESHOLD + 10; i++) {
                        p.net.inject(d); // a flood of copies puts B under load
                    }
                }
                return true;
            });
            EnginePair.send(p.a, aToB(10));
            p.a.runPending();
            p.net.deliverAll();
            p.b.runPending();
            assertTrue(p.b.counters().events(DeviceCounters.Event.COOKIE_REPLY_SENT) > 0);
            p.net.deliverAll();
            p.a.runPending();
            assertTrue(p.a.counters().events(DeviceCounters.Event.COOKIE_REPLY_RECEIVED) > 0);
            p.clock.advance(5500, TimeUnit.MILLISECONDS);
            p.pump();
            assertNotNull(p.tunB.takeWritten(0));
        }
    }

    @Test
    void shouldCountAndSurviveMalformedDatagrams() throws Exception {
        try (EnginePair p = new EnginePair()) {
            Random r = new Random(7);
            for (int i = 0; i < 5000; i++) {
                byte[] junk = new byte[r.nextInt(200)];
                r.nextBytes(junk);
                if (junk.length > 0 && r.nextBoolean()) {
                    junk[0] = (byte) (1 + r.nextInt(4));
                    if (junk.length > 3) {
                        junk[1] = junk[2] = junk[3] = 0;
                    }
                }
                p.net.inject(new FakeNetwork.Datagram(p.bindA.localAddress(), p.bindB.localAddress(), junk));
            }
            p.net.deliverAll();
            p.b.runPending();
            long dropped = 0;
            for (DropReason reason : DropReason.values()) {
                dropped += p.b.counters().drops(reason);
            }
            assertTrue(dropped >= 4000, "dropped " + dropped);
            EnginePair.send(p.a, aToB(10));
            p.pump();
            assertNotNull(p.tunB.takeWritten(0), "still works after junk");
        }
    }

    @Test
    void shouldDeliverIpv6AndPadToSixteenBytes() throws Exception {
        try (EnginePair p = new EnginePair()) {
            byte[] a6 = Prefix.parse("fd00::1/128").address();
            byte[] b6 = Prefix.parse("fd00::2/128").address();
            p.a.allowedIps().addStatic(p.bOnA, Prefix.parse("fd00::2/128"));
            p.b.allowedIps().addStatic(p.aOnB, Prefix.parse("fd00::1/128"));
            List<Integer> sizes = new ArrayList<>();
            p.net.setFilter(d -> {
                if (d.payload()[0] == 4) {
                    sizes.add(d.payload().length);
                }
                return true;
            });
            byte[] pkt = dev.keyroute.wgcore.testing.Packets.ipv6Udp(a6, b6, 1, 2, 3);
            EnginePair.send(p.a, pkt);
            p.pump();
            assertArrayEquals(pkt, p.tunB.takeWritten(0));
            assertTrue(sizes.stream().allMatch(s -> (s - 32) % 16 == 0), "padded: " + sizes);
        }
    }

    @Test
    void shouldNotExceedMtuWhenPadding() {
        assertEquals(1420, Peer.paddedLength(1419, 1420));
        assertEquals(1420, Peer.paddedLength(1420, 1420));
        assertEquals(16, Peer.paddedLength(1, 1420));
        assertEquals(0, Peer.paddedLength(0, 1420));
        assertEquals(1500, Peer.paddedLength(1500, 1420));
    }

    @Test
    void shouldSpreadFlowsOverMultipathPeerSet() throws Exception {
        try (EnginePair p = new EnginePair()) {
            Peer extra = p.a.addPeer(dev.keyroute.wgcore.noise.StaticIdentity.derivePublic(dev.keyroute.wgcore.noise.StaticIdentity.generatePrivate()));
            PeerSet set = new PeerSet(List.of(p.bOnA, extra), List.of(1, 1));
            p.a.allowedIps().setRoute(Prefix.parse("10.50.0.0/24"), set);
            for (int port = 0; port < 64; port++) {
                p.a.route(ByteBuffer.wrap(ipv4Udp(A, v4(10, 50, 0, 1), 1000 + port, 80, 10)));
            }
            assertTrue(p.bOnA.stagedCount() > 5, "B got " + p.bOnA.stagedCount());
            assertTrue(extra.stagedCount() > 5, "extra got " + extra.stagedCount());
            assertEquals(64, p.bOnA.stagedCount() + extra.stagedCount());
        }
    }
}
