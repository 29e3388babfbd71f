package dev.keyroute.wgcore.allowedips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.keyroute.config.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Batch#insertAll} against the same pairs inserted one by one. */
class AllowedIpsBulkInsertTest {
    private record Peer(int id) {
    }

    @Test
    void shouldEndLikeOneByOneInsertsOnALargeListWithRepeatsOverAnExistingTable() {
        SplittableRandom rnd = new SplittableRandom(11);
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            peers.add(new Peer(i));
        }
        RandomPrefixes gen = new RandomPrefixes(5, 400);
        AllowedIps<Peer> bulk = new AllowedIps<>();
        AllowedIps<Peer> one = new AllowedIps<>();
        for (int round = 0; round < 3; round++) {
            List<Prefix> prefixes = new ArrayList<>();
            List<Peer> chosen = new ArrayList<>();
            for (int i = 0; i < 60_000; i++) {
                prefixes.add(i > 0 && rnd.nextInt(5) == 0 ? prefixes.get(rnd.nextInt(i)) : gen.existingOrNew(rnd.nextInt(4) == 0));
                chosen.add(peers.get(rnd.nextInt(round == 0 ? peers.size() : 10))); // later rounds: fewer peers, so some lose all
            }
            int sizeBefore = one.size();
            one.apply(b -> {
                for (int i = 0; i < prefixes.size(); i++) {
                    b.insert(prefixes.get(i), chosen.get(i));
                }
            });
            int[] added = new int[1];
            bulk.apply(b -> added[0] = b.insertAll(prefixes, chosen));
            assertEquals(one.size() - sizeBefore, added[0]);
            assertEquals(content(one), content(bulk));
            for (Peer p : peers) {
                assertEquals(one.size(p), bulk.size(p), () -> "prefixes of " + p);
            }
            for (int i = 0; i < 20_000; i++) {
                byte[] a = gen.address(rnd.nextBoolean());
                assertSame(one.lookup(a), bulk.lookup(a));
            }
        }
        Peer big = peers.get(3); // thousands of prefixes of both families: removed block- and bucket-wise
        List<String> rest = content(bulk).stream().filter(e -> !e.endsWith("=" + big.id())).toList();
        assertEquals(one.removeByPeer(big), bulk.removeByPeer(big));
        assertEquals(rest, content(bulk));
        assertEquals(content(one), content(bulk));
        for (int i = 0; i < 20_000; i++) {
            byte[] a = gen.address(rnd.nextBoolean());
            assertSame(one.lookup(a), bulk.lookup(a));
        }
    }

    @Test
    void shouldKeepPeerIdsRightWhenABulkMovesAPeersOnlyPrefixAway() {
        Peer a = new Peer(1);
        Peer b = new Peer(2);
        Peer c = new Peer(3);
        AllowedIps<Peer> t = new AllowedIps<>();
        t.insert(Prefix.parse("10.1.2.0/24"), a);
        t.apply(batch -> batch.insertAll(
                List.of(Prefix.parse("10.1.2.0/24"), Prefix.parse("10.9.0.0/20"), Prefix.parse("10.1.2.0/24")),
                List.of(b, c, a)));
        t.apply(batch -> batch.insertAll(List.of(Prefix.parse("10.1.2.0/24"), Prefix.parse("192.0.2.0/25")), List.of(c, b)));
        assertSame(c, t.lookup(new byte[] {10, 1, 2, 3}));
        assertSame(c, t.lookup(new byte[] {10, 9, 15, (byte) 255}));
        assertSame(b, t.lookup(new byte[] {(byte) 192, 0, 2, 1}));
        assertEquals(0, t.size(a));
        assertEquals(2, t.size(c));
        assertEquals(1, t.size(b));
    }

    @Test
    void shouldApplyNothingWhenTheListsDifferInSizeOrAPeerIsNull() {
        AllowedIps<Peer> t = new AllowedIps<>();
        Peer a = new Peer(1);
        List<Prefix> two = List.of(Prefix.parse("10.0.0.0/24"), Prefix.parse("10.0.1.0/24"));
        assertThrows(IllegalArgumentException.class, () -> t.apply(b -> b.insertAll(two, List.of(a))));
        List<Peer> withNull = new ArrayList<>();
        withNull.add(a);
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> t.apply(b -> b.insertAll(two, withNull)));
        assertEquals(0, t.size());
        assertEquals(0, t.version());
        assertNull(t.lookup(new byte[] {10, 0, 0, 1}));
    }

    private static List<String> content(AllowedIps<Peer> t) {
        List<String> out = new ArrayList<>();
        t.forEach((p, peer) -> out.add(p + "=" + peer.id()));
        return out;
    }
}
