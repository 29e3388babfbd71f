package dev.keyroute.wgcore.device;

import static dev.keyroute.wgcore.testing.Packets.ipv6Udp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.keyroute.config.Prefix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every peer P implicitly owns LL(P)/128 in both directions (DESIGN §3). */
class LinkLocalRoutingTest {
    private static Prefix llPrefix(EngineMesh m, int i) {
        return Prefix.of(m.ll(i), 128);
    }

    @Test
    void shouldCarryUnicastBetweenKeyDerivedLinkLocalAddressesWithoutConfiguration() throws Exception {
        try (EngineMesh m = new EngineMesh(3)) {
            byte[] there = ipv6Udp(m.ll(0), m.ll(2), 6696, 6696, 30);
            m.send(0, there);
            m.pump();
            assertArrayEquals(there, m.tun(2).takeWritten(0));
            assertNull(m.tun(1).takeWritten(0));
            byte[] back = ipv6Udp(m.ll(2), m.ll(0), 6696, 6696, 31);
            m.send(2, back);
            m.pump();
            assertArrayEquals(back, m.tun(0).takeWritten(0));
        }
    }

    @Test
    void shouldRejectUnicastFromAnotherPeersLinkLocalAddress() throws Exception {
        try (EngineMesh m = new EngineMesh(3)) {
            m.send(1, ipv6Udp(m.ll(2), m.ll(0), 1, 2, 8)); // 1 claims to be 2
            m.pump();
            assertNull(m.tun(0).takeWritten(0));
            assertEquals(1, m.device(0).counters().drops(DropReason.SOURCE_NOT_ALLOWED));
        }
    }

    @Test
    void shouldNotListImplicitLinkLocalEntriesAsAllowedIps() throws Exception {
        try (EngineMesh m = new EngineMesh(3)) {
            // what the UAPI lists for a peer: its static entries and its route/api-derived ones
            List<Prefix> listed = new ArrayList<>(m.device(0).allowedIps().staticOf(m.peer(0, 1)));
            listed.addAll(m.device(0).allowedIps().derivedByPeer().getOrDefault(m.peer(0, 1), List.of()));
            assertEquals(List.of(Prefix.parse("10.0.0.2/32")), listed);
            assertEquals(2, m.device(0).allowedIps().size(), "only the two tunnel addresses count");
            assertSame(m.peer(0, 1), m.device(0).allowedIps().linkLocalOwner(llPrefix(m, 1)));
        }
    }

    @Test
    void shouldForgetLinkLocalOfRemovedPeer() throws Exception {
        try (EngineMesh m = new EngineMesh(3)) {
            Device a = m.device(0);
            a.removePeer(m.device(1).publicKey());
            assertNull(a.allowedIps().lookup(m.ll(1)));
            assertNull(a.allowedIps().linkLocalOwner(llPrefix(m, 1)));
            assertEquals(1, a.allowedIps().size());
        }
    }

    @Test
    void shouldLetStaticAndRouteEntriesShadowTheImplicitOneAndUncoverIt() throws Exception {
        try (EngineMesh m = new EngineMesh(3)) {
            AllowedIpsTable t = m.device(0).allowedIps();
            Prefix ll1 = llPrefix(m, 1);
            t.setRoute(ll1, m.peer(0, 2));
            assertSame(m.peer(0, 2), t.lookup(m.ll(1)));
            t.addStatic(m.peer(0, 2), ll1);
            t.removeStatic(m.peer(0, 2), ll1);
            assertSame(m.peer(0, 2), t.lookup(m.ll(1)), "route entry uncovered");
            t.removeRoute(ll1);
            assertSame(m.peer(0, 1), t.lookup(m.ll(1)), "implicit entry uncovered");
        }
    }
}
