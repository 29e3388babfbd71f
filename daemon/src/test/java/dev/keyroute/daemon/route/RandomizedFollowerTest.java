package dev.keyroute.daemon.route;

import static dev.keyroute.daemon.route.FollowerHarness.ip;
import static dev.keyroute.daemon.route.FollowerHarness.ll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.config.Key;
import dev.keyroute.config.Prefix;
import dev.keyroute.netlink.NextHop;
import dev.keyroute.netlink.RouteRequest;
import dev.keyroute.wgcore.device.Peer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random route, peer, static-entry and link operations with random event loss (each loss reported
 * as an overrun, as the kernel does) and partial processing in between: after the follower
 * settles, its route layer must equal a from-scratch computation over the final kernel state.
 */
class RandomizedFollowerTest {
    private static final List<Integer> TABLES = List.of(254, 100);

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void shouldEndWithRouteLayerEqualToFreshComputationFromFinalKernelState(long seed) throws Exception {
        Random r = new Random(seed);
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            keys.add(FollowerHarness.randomKey(r));
        }
        LossyEvents[] lossy = new LossyEvents[1];
        try (FollowerHarness h = new FollowerHarness(TABLES,
                events -> lossy[0] = new LossyEvents(events, r, seed % 2 == 0 ? 0.05 : 0.0))) {
            RouteFollowerAgent agent = h.agent;
            boolean linkUp = true;
            boolean lossyRun = seed % 2 == 0;
            for (int step = 0; step < 3000; step++) {
                int op = r.nextInt(100);
                if (op < 70) {
                    routeOp(h, r, keys);
                } else if (op < 80) {
                    Key k = keys.get(r.nextInt(keys.size()));
                    if (r.nextBoolean()) {
                        h.device.addPeer(k);
                    } else {
                        h.device.removePeer(k);
                    }
                } else if (op < 90) {
                    Peer p = h.device.peer(keys.get(r.nextInt(keys.size())));
                    Prefix s = Prefix.parse("10.0." + r.nextInt(2) + "." + (2 + r.nextInt(6)) + "/" + (r.nextBoolean() ? 32 : 30));
                    if (p != null) {
                        if (r.nextBoolean()) {
                            h.device.allowedIps().addStatic(p, s);
                        } else {
                            h.device.allowedIps().removeStatic(p, s);
                        }
                    }
                } else if (op < 92 && !lossyRun) {
                    // link flaps resync on their own; kept out of lossy runs so those prove overrun handling
                    linkUp = !linkUp;
                    h.kernel.setLinkUp(h.wg0, linkUp);
                } else {
                    for (int i = r.nextInt(3); i >= 0; i--) {
                        agent.doWork(Duration.ZERO);
                    }
                }
            }
            h.settle();
            assertEquals(ReferenceResolution.expected(h.kernel.routes(), TABLES, h.wg0, linkUp, h.device),
                    h.routeLayer(), "seed " + seed + ", dropped " + lossy[0].dropped);
            assertTrue(agent.counters().resyncs() >= 1);
            if (lossy[0].dropped > 0) {
                assertTrue(agent.counters().overruns() > 0 && agent.counters().resyncs() > 1);
            }
        }
    }

    private static void routeOp(FollowerHarness h, Random r, List<Key> keys) {
        boolean v6 = r.nextInt(4) == 0;
        Prefix prefix = v6 ? Prefix.parse("2001:db8:" + r.nextInt(12) + "::/48") : Prefix.parse("10.50." + r.nextInt(24) + ".0/24");
        int table = r.nextInt(4) == 0 ? 100 : r.nextInt(10) == 0 ? 200 : 254;
        long metric = 10L * r.nextInt(3);
        int kind = r.nextInt(10);
        RouteRequest.Builder b = RouteRequest.to(prefix.inetAddress(), prefix.length()).table(table).metric(metric);
        if (kind < 3) {
            h.quietly(() -> h.kernel.deleteRoute(b.build()));
            return;
        }
        int oif = r.nextInt(10) == 0 ? h.eth0 : h.wg0;
        int shape = r.nextInt(10);
        if (shape < 5) {
            b.gateway(ll(keys.get(r.nextInt(keys.size())))).oif(oif);
        } else if (shape < 7) {
            b.gateway(v6 ? ll(FollowerHarness.randomKey(r)) : ip("10.0." + r.nextInt(2) + "." + (2 + r.nextInt(6)))).oif(oif);
        } else if (shape < 8) {
            b.oif(oif);
        } else {
            InetAddress g1 = ll(keys.get(r.nextInt(keys.size())));
            InetAddress g2 = v6 ? ll(keys.get(r.nextInt(keys.size()))) : ip("10.0.0." + (2 + r.nextInt(6)));
            b.nextHop(new NextHop(h.wg0, 1 + r.nextInt(3), 0, g1)).nextHop(new NextHop(oif, 1, 0, g2));
        }
        if (kind < 7) {
            h.quietly(() -> h.kernel.addRoute(b.build()));
        } else {
            h.quietly(() -> h.kernel.replaceRoute(b.build()));
        }
    }
}
