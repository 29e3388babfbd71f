package dev.keyroute.daemon.route;

import static dev.keyroute.daemon.route.FollowerHarness.ip;
import static dev.keyroute.daemon.route.FollowerHarness.ll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.config.Key;
import dev.keyroute.config.Prefix;
import dev.keyroute.netlink.NextHop;
import dev.keyroute.netlink.RouteRequest;
import dev.keyroute.netlink.UnknownMessage;
import dev.keyroute.netlink.spec.Rtm;
import dev.keyroute.wgcore.device.Peer;
import dev.keyroute.wgcore.device.PeerSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RouteFollowerAgentTest {
    private final Random random = new Random(7);
    private final Key keyB = FollowerHarness.randomKey(random);
    private final Key keyC = FollowerHarness.randomKey(random);
    private final FollowerHarness h = new FollowerHarness(List.of(254));
    private Peer b;
    private Peer c;

    private void peers() {
        b = h.device.addPeer(keyB);
        c = h.device.addPeer(keyC);
        h.device.allowedIps().addStatic(b, Prefix.parse("10.0.0.2/32"));
        h.device.allowedIps().addStatic(c, Prefix.parse("10.0.0.3/32"));
        h.settle();
    }

    private RouteRequest.Builder route(String prefix) {
        Prefix p = Prefix.parse(prefix);
        return RouteRequest.to(p.inetAddress(), p.length());
    }

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void shouldShareOneRouteInfoAmongRoutesOfTheSameTableProtocolAndMetric() throws Exception {
        peers();
        // Multipath: each route's target is a PeerSet of its own, so the route layer cannot share
        // the entries; only the follower's shared outcome makes their route infos one object.
        for (String prefix : List.of("10.51.0.0/24", "10.52.0.0/24")) {
            h.kernel.addRoute(route(prefix).protocol(186).metric(20)
                    .nextHop(NextHop.via(ll(keyB), h.wg0)).nextHop(NextHop.via(ll(keyC), h.wg0)).build());
        }
        h.kernel.addRoute(route("10.53.0.0/24").protocol(186).metric(30)
                .nextHop(NextHop.via(ll(keyB), h.wg0)).nextHop(NextHop.via(ll(keyC), h.wg0)).build());
        h.settle();
        var table = h.device.allowedIps();
        assertNotSame(table.entry(Prefix.parse("10.51.0.0/24")), table.entry(Prefix.parse("10.52.0.0/24")));
        assertSame(table.entry(Prefix.parse("10.51.0.0/24")).route(), table.entry(Prefix.parse("10.52.0.0/24")).route(),
                "a million routes via a few peers hold a few route infos, not a million");
        assertEquals(30, table.entry(Prefix.parse("10.53.0.0/24")).route().metric());
        assertEquals(20, table.entry(Prefix.parse("10.51.0.0/24")).route().metric());
    }

    @Test
    void shouldMapRouteViaPeersLinkLocalAddressToThatPeer() throws Exception {
        peers();
        h.kernel.addRoute(route("10.50.0.0/24").gateway(ll(keyB)).oif(h.wg0).build());
        h.settle();
        assertSame(b, h.lookup("10.50.0.7"));
        assertSame(b, h.target("10.50.0.0/24"));
    }

    @Test
    void shouldMapIpv6RouteViaLinkLocalGateway() throws Exception {
        peers();
        h.kernel.addRoute(route("2001:db8:50::/48").gateway(ll(keyC)).oif(h.wg0).build());
        h.settle();
        assertSame(c, h.lookup("2001:db8:50::1"));
    }

    @Test
    void shouldResolveNextHopByLongestStaticAllowedIpsMatch() throws Exception {
        peers();
        h.device.allowedIps().addStatic(c, Prefix.parse("10.0.0.0/24"));
        h.kernel.addRoute(route("10.60.0.0/16").gateway(ip("10.0.0.2")).oif(h.wg0).build());
        h.kernel.addRoute(route("10.61.0.0/16").gateway(ip("10.0.0.9")).oif(h.wg0).build());
        h.settle();
        assertSame(b, h.target("10.60.0.0/16"), "10.0.0.2/32 is longer than 10.0.0.0/24");
        assertSame(c, h.target("10.61.0.0/16"));
    }

    @Test
    void shouldHoldUnknownNextHopPendingUntilMatchingPeerAppears() throws Exception {
        h.kernel.addRoute(route("10.50.0.0/24").gateway(ll(keyB)).oif(h.wg0).build());
        h.kernel.addRoute(route("10.51.0.0/24").gateway(ip("10.0.0.2")).oif(h.wg0).build());
        h.settle();
        assertEquals(2, h.counters.pending());
        assertNull(h.target("10.50.0.0/24"));
        Peer peer = h.device.addPeer(keyB);
        h.settle();
        assertSame(peer, h.target("10.50.0.0/24"), "LL(B) resolves once B exists");
        assertEquals(1, h.counters.pending());
        h.device.allowedIps().addStatic(peer, Prefix.parse("10.0.0.2/32"));
        h.settle();
        assertSame(peer, h.target("10.51.0.0/24"), "static entry resolves the tunnel-address next hop");
        assertEquals(0, h.counters.pending());
        h.device.removePeer(keyB);
        h.settle();
        assertEquals(2, h.counters.pending(), "removing the peer makes its routes pending again");
        assertTrue(h.device.allowedIps().routes().isEmpty());
    }

    @Test
    void shouldMoveThePrefixOnReplaceAndDropItOnDelete() throws Exception {
        peers();
        h.kernel.addRoute(route("10.50.0.0/24").gateway(ll(keyB)).oif(h.wg0).build());
        h.settle();
        h.kernel.replaceRoute(route("10.50.0.0/24").gateway(ll(keyC)).oif(h.wg0).build());
        h.settle();
        assertSame(c, h.target("10.50.0.0/24"));
        assertEquals(1, h.counters.moves());
        h.kernel.deleteRoute(route("10.50.0.0/24").build());
        h.settle();
        assertNull(h.target("10.50.0.0/24"));
        assertNull(h.lookup("10.50.0.1"));
    }

    @Test
    void shouldFollowTheLowestMetricAndFallBackWhenItGoes() throws Exception {
        peers();
        h.kernel.addRoute(route("10.50.0.0/24").gateway(ll(keyB)).oif(h.wg0).metric(100).build());
        h.kernel.addRoute(route("10.50.0.0/24").gateway(ll(keyC)).oif(h.wg0).metric(10).build());
        h.settle();
        assertSame(c, h.target("10.50.0.0/24"));
        h.kernel.deleteRoute(route("10.50.0.0/24").metric(10).build());
        h.settle();
        assertSame(b, h.target("10.50.0.0/24"));
    }

    @Test
    void shouldIgnoreRoutesOfOtherDevicesOtherTablesAndNonUnicastTypes() throws Exception {
        peers();
        h.kernel.addRoute(route("10.70.0.0/24").gateway(ll(keyB)).oif(h.eth0).build());
        h.kernel.addRoute(route("10.71.0.0/24").gateway(ll(keyB)).oif(h.wg0).table(100).build());
        h.kernel.addRoute(route("10.72.0.0/24").type(Rtm.RTN_BLACKHOLE).build());
        h.settle();
        assertTrue(h.device.allowedIps().routes().isEmpty());
        assertEquals(3, h.counters.ignoredRoutes());
    }

    @Test
    void shouldFollowConfiguredTablesWithTheFirstListedWinning() throws Exception {
        try (FollowerHarness two = new FollowerHarness(List.of(100, 254))) {
            Peer pb = two.device.addPeer(keyB);
            Peer pc = two.device.addPeer(keyC);
            two.kernel.addRoute(route("10.50.0.0/24").gateway(ll(keyB)).oif(two.wg0).metric(1).build());
            two.kernel.addRoute(route("10.50.0.0/24").gateway(ll(keyC)).oif(two.wg0).table(100).metric(500).build());
            two.settle();
            assertSame(pc, two.target("10.50.0.0/24"), "table 100 is listed first");
            two.kernel.deleteRoute(route("10.50.0.0/24").table(100).build());
            two.settle();
            assertSame(pb, two.target("10.50.0.0/24"));
        }
    }

    @Test
    void shouldMapMultipathRouteToWeightedPeerSetAcceptingBothPeers() throws Exception {
        peers();
        h.kernel.addRoute(route("10.80.0.0/24")
                .nextHop(NextHop.via(ll(keyB), h.wg0).withWeight(3))
                .nextHop(NextHop.via(ip("10.0.0.3"), h.wg0)).build());
        h.settle();
        PeerSet set = (PeerSet) h.target("10.80.0.0/24");
        assertEquals(List.of(b, c), set.peers());
        assertTrue(set.accepts(b) && set.accepts(c));
        int toB = 0;
        for (int flow = 0; flow < 4000; flow++) {
            toB += set.select(flow * 0x9E3779B1) == b ? 1 : 0;
        }
        assertTrue(toB > 2700 && toB < 3300, "weight 3:1 gives B about 3000 of 4000 flows, got " + toB);
    }

    @Test
    void shouldDropInterfaceRoutesOnLinkDownWithoutDeleteEvents() throws Exception {
        peers();
        h.kernel.addRoute(route("10.50.0.0/24").gateway(ll(keyB)).oif(h.wg0).build());
        h.kernel.addRoute(route("2001:db8:50::/48").gateway(ll(keyB)).oif(h.wg0).build());
        h.settle();
        h.kernel.setLinkUp(h.wg0, false); // the fake, like the kernel, flushes IPv4 silently
        h.settle();
        assertTrue(h.device.allowedIps().routes().isEmpty());
        assertEquals(1, h.counters.linkDrops());
        h.kernel.setLinkUp(h.wg0, true);
        h.settle();
        assertEquals(Set.of("2001:db8:50::/48"), h.routeLayer().keySet(), "the IPv6 route the kernel kept is back");
    }

    @Test
    void shouldRebuildTheSameAllowedIpsWhenAFreshFollowerStarts() throws Exception {
        peers();
        h.kernel.addRoute(route("10.50.0.0/24").gateway(ll(keyB)).oif(h.wg0).build());
        h.kernel.addRoute(route("10.51.0.0/24").gateway(ip("10.0.0.3")).oif(h.wg0).build());
        h.settle();
        var before = h.routeLayer();
        for (var p : h.device.allowedIps().routes().keySet()) {
            h.device.allowedIps().removeRoute(p); // what a restarted process starts with
        }
        RouteFollowerAgent restarted = new RouteFollowerAgent(List.of(254), h.kernel, h.kernel.events(),
                new dev.keyroute.wgcore.testing.ManualClock(), new FollowerCounters());
        restarted.addInterface(new KeyrouteInterface(h.wg0, "wg0", h.device));
        while (restarted.doWork(java.time.Duration.ZERO) > 0) {
            // settle
        }
        assertEquals(before, h.routeLayer());
        assertEquals(1, restarted.counters().resyncs());
    }

    @Test
    void shouldKeepTheStaticEntryOnExactPrefixClashAndCountIt() throws Exception {
        peers();
        h.device.allowedIps().addStatic(b, Prefix.parse("10.50.0.0/24"));
        h.kernel.addRoute(route("10.50.0.0/24").gateway(ll(keyC)).oif(h.wg0).build());
        h.settle();
        assertSame(b, h.lookup("10.50.0.1"));
        assertEquals(1, h.counters.conflicts());
        h.device.allowedIps().removeStatic(b, Prefix.parse("10.50.0.0/24"));
        h.settle();
        assertSame(c, h.lookup("10.50.0.1"), "the route entry beneath comes back");
    }

    @Test
    void shouldCountRouteWithoutNextHopAsMappingToNoPeer() throws Exception {
        peers();
        h.kernel.addRoute(route("10.90.0.0/24").oif(h.wg0).build());
        h.settle();
        assertEquals(1, h.counters.noPeer());
        assertTrue(h.device.allowedIps().routes().isEmpty());
    }

    @Test
    void shouldCountUnknownMessagesAndResyncOnOverrunWithoutLosingState() throws Exception {
        peers();
        h.kernel.addRoute(route("10.50.0.0/24").gateway(ll(keyB)).oif(h.wg0).build());
        h.kernel.events().publish(new UnknownMessage(99, 0, 20, "test"));
        h.kernel.events().injectOverrun();
        h.settle();
        assertEquals(1, h.counters.unknownMessages());
        assertEquals(2, h.counters.resyncs(), "start-up and overrun");
        assertSame(b, h.target("10.50.0.0/24"));
    }

    @Test
    void shouldRepairALostChangeOfARouteSharingItsPrefixOnResync() throws Exception {
        LossyEvents[] lossy = new LossyEvents[1];
        try (FollowerHarness two = new FollowerHarness(List.of(254), e -> lossy[0] = new LossyEvents(e, new Random(1), 0))) {
            Peer pb = two.device.addPeer(keyB);
            Peer pc = two.device.addPeer(keyC);
            two.kernel.addRoute(route("10.50.0.0/24").gateway(ll(keyB)).oif(two.wg0).metric(10).build());
            two.kernel.addRoute(route("10.50.0.0/24").gateway(ll(keyB)).oif(two.wg0).metric(100).build());
            two.settle();
            assertSame(pb, two.target("10.50.0.0/24"));
            lossy[0].dropAll = true;
            two.kernel.replaceRoute(route("10.50.0.0/24").gateway(ll(keyC)).oif(two.wg0).metric(10).build());
            two.agent.doWork(java.time.Duration.ZERO); // the replace is lost; its overrun is reported
            lossy[0].dropAll = false;
            two.settle();
            assertEquals(1, two.counters.overruns());
            assertSame(pc, two.target("10.50.0.0/24"), "the resync saw the route that changed under a shared prefix");
        }
    }

    @Test
    void shouldDropARouteWhoseDeleteWasLostOnResync() throws Exception {
        LossyEvents[] lossy = new LossyEvents[1];
        try (FollowerHarness two = new FollowerHarness(List.of(254), e -> lossy[0] = new LossyEvents(e, new Random(1), 0))) {
            Peer pb = two.device.addPeer(keyB);
            two.kernel.addRoute(route("10.50.0.0/24").gateway(ll(keyB)).oif(two.wg0).build());
            two.kernel.addRoute(route("10.51.0.0/24").gateway(ll(keyB)).oif(two.wg0).build());
            two.settle();
            lossy[0].dropAll = true;
            two.kernel.deleteRoute(route("10.50.0.0/24").build());
            two.agent.doWork(java.time.Duration.ZERO); // the delete is lost; its overrun is reported
            lossy[0].dropAll = false;
            two.settle();
            assertEquals(1, two.counters.overruns());
            assertNull(two.target("10.50.0.0/24"), "the resync found the route gone");
            assertSame(pb, two.target("10.51.0.0/24"));
        }
    }

    @Test
    void shouldRetryResyncWhenDumpsStayInterrupted() throws Exception {
        peers();
        h.kernel.interruptNextDumps(1);
        h.kernel.events().injectDumpInterrupted();
        h.kernel.addRoute(route("10.50.0.0/24").gateway(ll(keyB)).oif(h.wg0).build());
        h.settle();
        assertEquals(1, h.counters.resyncFailures());
        assertTrue(h.counters.resyncs() >= 1);
        assertSame(b, h.target("10.50.0.0/24"));
        Set<Object> distinct = new HashSet<>(h.device.allowedIps().routes().values());
        assertEquals(1, distinct.size());
    }
}
