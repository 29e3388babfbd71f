package dev.keyroute.wgcore.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.noise.StaticIdentity;
import dev.keyroute.wgcore.testing.FakeNetwork;
import dev.keyroute.wgcore.testing.FakeTun;
import dev.keyroute.wgcore.testing.ManualClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllowedIpsTableChangesTest {
    private static final Prefix P = Prefix.parse("10.1.0.0/24");
    private static final RouteInfo MAIN = new RouteInfo(254, 186, 20);

    private final Device device = new Device(new FakeTun("wgt", 1420), new FakeNetwork().newBind(), new ManualClock(), true);
    private final Peer a = device.addPeer(StaticIdentity.derivePublic(StaticIdentity.generatePrivate()));
    private final Peer b = device.addPeer(StaticIdentity.derivePublic(StaticIdentity.generatePrivate()));
    private final AllowedIpsTable table = device.allowedIps();
    private final List<String> log = new ArrayList<>();

    {
        table.setChangeListener(new AllowedIpsTable.ChangeListener() {
            @Override
            public void changed(Prefix prefix, AllowedIpsEntry before, AllowedIpsEntry after) {
                log.add(text(before) + " -> " + text(after));
            }

            @Override
            public void shadowed(Prefix prefix, AllowedIpsEntry winner, AllowedIpsEntry loser) {
                log.add("shadowed " + text(loser) + " by " + text(winner));
            }
        });
    }

    private String text(AllowedIpsEntry e) {
        if (e == null) {
            return "none";
        }
        String who = e.target() == a ? "a" : e.target() == b ? "b" : "set";
        return who + "/" + e.source().label() + (e.route().equals(RouteInfo.NONE) ? "" : "/" + e.route().metric());
    }

    @AfterEach
    void close() {
        device.close();
    }

    @Test
    void shouldShareOneRouteEntryAmongPrefixesWithTheSameTargetAndMetadataAndStillReportEachChange() {
        Prefix q = Prefix.parse("10.2.0.0/24");
        table.setRoute(P, a, MAIN);
        table.setRoute(q, a, new RouteInfo(254, 186, 20));
        assertSame(table.entry(P), table.entry(q), "a full table via a few peers holds a few entries");
        table.setRoute(q, a, new RouteInfo(254, 186, 30));
        table.setRoute(P, a, MAIN); // the same entry again: no change to report
        assertEquals(20, table.entry(P).route().metric());
        assertEquals(30, table.entry(q).route().metric());
        assertEquals(List.of("none -> a/route/20", "none -> a/route/20", "a/route/20 -> a/route/30"), log);
    }

    @Test
    void shouldShareOneStaticEntryPerPeerAndStillReportEachChange() {
        Prefix q = Prefix.parse("10.2.0.0/24");
        table.addStatic(a, P);
        table.addStatic(a, q);
        assertSame(table.entry(P), table.entry(q), "a million static prefixes of one peer hold one entry");
        table.addStatic(b, q);
        assertSame(a, table.entry(P).target());
        assertSame(b, table.entry(q).target());
        assertEquals(List.of("none -> a/static", "none -> a/static", "a/static -> b/static"), log);
    }

    @ParameterizedTest
    @ValueSource(ints = {AllowedIpsTable.BATCH_MIN - 1, AllowedIpsTable.BATCH_MIN, 1_000})
    void shouldUncoverRouteAndApiEntriesWhenStaticsAreClearedOneByOneOrInOneBatch(int n) {
        for (int i = 0; i < n; i++) {
            table.addStatic(a, Prefix.parse("10.0." + i / 256 + "." + i % 256 + "/32"));
        }
        table.setRoute(Prefix.parse("10.0.0.5/32"), b, MAIN);
        table.addApi(b, Prefix.parse("10.0.0.7/32"));
        table.setRoute(Prefix.parse("10.0.0.9/32"), a, MAIN);
        log.clear();
        table.clearStatic(a);
        assertSame(b, table.lookup(new byte[] {10, 0, 0, 5}));
        assertSame(b, table.lookup(new byte[] {10, 0, 0, 7}));
        assertSame(a, table.lookup(new byte[] {10, 0, 0, 9}));
        assertNull(table.lookup(new byte[] {10, 0, 0, 6}));
        assertNull(table.lookup(new byte[] {10, 0, (byte) ((n - 1) / 256), (byte) ((n - 1) % 256)}));
        assertEquals(List.of(), table.staticOf(a));
        assertEquals(3, table.size());
        assertEquals(n, log.size());
        assertEquals(List.of("a/static -> none", "a/static -> none", "a/static -> none", "a/static -> none", "a/static -> none",
                "a/static -> b/route/20", "a/static -> none", "a/static -> b/api", "a/static -> none", "a/static -> a/route/20"),
                log.subList(0, 10), "reported in the order the statics were added");
    }

    @ParameterizedTest
    @ValueSource(ints = {AllowedIpsTable.BATCH_MIN - 2, AllowedIpsTable.BATCH_MIN, 1_000}) // a list of n + 1
    void shouldAddStaticListAsSingleAddsWouldReportingEachChangeInOrder(int n) {
        List<Prefix> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(Prefix.parse("10.0." + i / 256 + "." + i % 256 + "/32"));
        }
        list.add(list.get(3)); // given twice
        table.setRoute(list.get(1), b, MAIN); // shadowed by the static
        table.addApi(b, list.get(2));
        table.addStatic(b, list.get(4)); // moves to a
        table.addStatic(a, list.get(5)); // already a's: no change
        log.clear();
        table.addStatics(a, list);
        for (Prefix p : list) {
            assertSame(a, table.lookup(p.address()));
        }
        assertEquals(n, table.staticOf(a).size());
        assertEquals(List.of(), table.staticOf(b));
        assertEquals(List.of("none -> a/static", "b/route/20 -> a/static", "shadowed b/route/20 by a/static",
                "b/api -> a/static", "shadowed b/api by a/static", "none -> a/static", "b/static -> a/static", "none -> a/static"),
                log.subList(0, 8));
        assertEquals(n - 1 + 2, log.size(), "one change per prefix not already a's, plus two shadowed entries");
        table.removeStatic(a, list.get(1));
        assertSame(b, table.lookup(list.get(1).address()), "the route beneath comes back");
    }

    @Test
    void shouldReportRouteAddWithItsKernelMetadata() {
        table.setRoute(P, a, MAIN);
        assertEquals(List.of("none -> a/route/20"), log);
        assertEquals(MAIN, table.entry(P).route());
    }

    @Test
    void shouldReportStaticTakingOverAndRouteComingBackWhenStaticIsRemoved() {
        table.setRoute(P, a, MAIN);
        table.addStatic(b, P);
        table.removeStatic(b, P);
        assertEquals(List.of("none -> a/route/20", "a/route/20 -> b/static",
                "shadowed a/route/20 by b/static", "b/static -> a/route/20"), log);
        assertSame(a, table.lookup(new byte[] {10, 1, 0, 9}));
    }

    @Test
    void shouldReportOnlyTheShadowingWhenRouteChangesUnderStatic() {
        table.addStatic(b, P);
        log.clear();
        table.setRoute(P, a, MAIN);
        assertEquals(List.of("shadowed a/route/20 by b/static"), log);
        assertSame(b, table.lookup(new byte[] {10, 1, 0, 9}));
    }

    @Test
    void shouldReportNothingWhenTheSameRouteIsSetAgain() {
        table.setRoute(P, a, MAIN);
        table.setRoute(P, a, new RouteInfo(254, 186, 20));
        assertEquals(1, log.size());
    }

    @Test
    void shouldReportUpdateWhenOnlyTheMetricChanges() {
        table.setRoute(P, a, MAIN);
        table.setRoute(P, a, new RouteInfo(254, 186, 30));
        assertEquals(List.of("none -> a/route/20", "a/route/20 -> a/route/30"), log);
    }

    @Test
    void shouldLetRouteWinOverApiAndUncoverApiWhenRouteGoes() {
        table.addApi(b, P);
        table.setRoute(P, a, MAIN);
        table.removeRoute(P);
        table.removeApi(b, P);
        assertEquals(List.of("none -> b/api", "b/api -> a/route/20", "shadowed b/api by a/route/20",
                "a/route/20 -> b/api", "b/api -> none"), log);
        assertNull(table.lookup(new byte[] {10, 1, 0, 9}));
    }

    @Test
    void shouldRefuseApiRemovalForAnotherPeer() {
        table.addApi(b, P);
        assertEquals(false, table.removeApi(a, P));
        assertSame(b, table.lookup(new byte[] {10, 1, 0, 9}));
    }

    @Test
    void shouldReportEveryEntryOfARemovedPeer() {
        table.addStatic(a, Prefix.parse("10.2.0.0/16"));
        table.setRoute(P, a, MAIN);
        table.addApi(a, Prefix.parse("10.3.0.0/16"));
        log.clear();
        device.removePeer(a.publicKey());
        assertEquals(List.of("a/static -> none", "a/route/20 -> none", "a/api -> none"), log);
        assertEquals(0, table.size());
    }

    @Test
    void shouldKeepTrieEqualToEffectiveEntriesAfterRandomChangesInAllLayers() {
        Random rnd = new Random(5);
        Map<Prefix, AllowedIpsEntry> replay = new HashMap<>();
        table.setChangeListener(new AllowedIpsTable.ChangeListener() {
            @Override
            public void changed(Prefix prefix, AllowedIpsEntry before, AllowedIpsEntry after) {
                assertEquals(before, replay.get(prefix), "before of " + prefix);
                if (after == null) {
                    replay.remove(prefix);
                } else {
                    replay.put(prefix, after);
                }
            }

            @Override
            public void shadowed(Prefix prefix, AllowedIpsEntry winner, AllowedIpsEntry loser) {
            }
        });
        for (int i = 0; i < 20_000; i++) {
            Prefix p = Prefix.of(new byte[] {10, (byte) rnd.nextInt(4), (byte) rnd.nextInt(8), 0}, 24);
            Peer peer = rnd.nextBoolean() ? a : b;
            switch (rnd.nextInt(6)) {
                case 0 -> table.addStatic(peer, p);
                case 1 -> table.removeStatic(peer, p);
                case 2 -> table.setRoute(p, peer, rnd.nextBoolean() ? MAIN : RouteInfo.NONE);
                case 3 -> table.removeRoute(p);
                case 4 -> table.addApi(peer, p);
                default -> table.removeApi(peer, p);
            }
        }
        Map<Prefix, AllowedIpsEntry> dump = new HashMap<>();
        table.forEachEffective(dump::put);
        assertEquals(dump, replay);
        assertEquals(dump.size(), table.size());
        dump.forEach((p, e) -> assertSame(e.target(), table.lookup(p.address())));
    }
}
