package dev.keyroute.wgcore.allowedips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.keyroute.config.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Single changes and removals by peer in a crowded IPv4 /16 (written in place: only the slots of
 * the changed prefix's range, or of the removed peer's prefixes, are rewritten) and its
 * neighbours, against the slow reference after every change, for every /24 of the block.
 */
class AllowedIpsCrowdedBlockTest {
    private record Peer(int id) {
    }

    @Test
    void shouldRewriteOnlyTheChangedRangeWhenSingleChangesHitACrowdedBlock() {
        SplittableRandom rnd = new SplittableRandom(11);
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            peers.add(new Peer(i));
        }
        AllowedIps<Peer> table = new AllowedIps<>();
        ReferenceAllowedIps<Peer> ref = new ReferenceAllowedIps<>();
        Prefix cover = Prefix.parse("10.20.0.0/16");
        table.insert(cover, peers.get(0));
        ref.insert(cover, peers.get(0));
        List<Prefix> pool = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            int len = 17 + rnd.nextInt(8);
            pool.add(Prefix.of(new byte[] {10, 20, (byte) rnd.nextInt(256), 0}, len));
        }
        table.apply(b -> {
            for (int i = 0; i < 60; i++) {
                b.insert(pool.get(i), peers.get(1 + i % 11));
            }
        });
        for (int i = 0; i < 60; i++) {
            ref.insert(pool.get(i), peers.get(1 + i % 11));
        }
        for (int op = 0; op < 3000; op++) {
            Prefix p = pool.get(rnd.nextInt(pool.size()));
            if (rnd.nextInt(3) == 0) {
                assertSame(ref.remove(p), table.remove(p), () -> "remove " + p);
            } else {
                Peer peer = peers.get(rnd.nextInt(peers.size()));
                assertSame(ref.insert(p, peer), table.insert(p, peer), () -> "insert " + p);
            }
            for (int third = 0; third < 256; third++) {
                byte[] a = {10, 20, (byte) third, (byte) rnd.nextInt(256)};
                int at = op;
                assertSame(ref.lookup(a), table.lookup(a), () -> "after op " + at + ": " + Prefix.of(a, 32));
            }
        }
        assertEquals(ref.size(), table.size());
    }

    @Test
    void shouldRewriteOnlyTheRemovedPeersSlotsWhenRemovingByPeerFromCrowdedBlocks() {
        SplittableRandom rnd = new SplittableRandom(17);
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            peers.add(new Peer(i));
        }
        for (int round = 0; round < 40; round++) {
            AllowedIps<Peer> table = new AllowedIps<>();
            ReferenceAllowedIps<Peer> ref = new ReferenceAllowedIps<>();
            if (rnd.nextBoolean()) {
                Prefix cover = Prefix.parse("10.20.0.0/16");
                table.insert(cover, peers.get(0));
                ref.insert(cover, peers.get(0));
            }
            List<Prefix> prefixes = new ArrayList<>();
            List<Peer> owners = new ArrayList<>();
            for (int i = 0; i < 20 + rnd.nextInt(60); i++) { // nested lengths, so removals uncover shorter ones
                prefixes.add(Prefix.of(new byte[] {10, 20, (byte) rnd.nextInt(256), 0}, 17 + rnd.nextInt(8)));
                owners.add(peers.get(rnd.nextInt(peers.size())));
            }
            table.apply(b -> b.insertAll(prefixes, owners));
            for (int i = 0; i < prefixes.size(); i++) {
                ref.insert(prefixes.get(i), owners.get(i));
            }
            for (Peer gone : List.of(peers.get(rnd.nextInt(6)), peers.get(rnd.nextInt(6)))) {
                assertEquals(ref.removeByPeer(gone), table.removeByPeer(gone), () -> "removeByPeer " + gone);
                for (int third = 0; third < 256; third++) {
                    byte[] a = {10, 20, (byte) third, (byte) rnd.nextInt(256)};
                    assertSame(ref.lookup(a), table.lookup(a), () -> "after removing " + gone + ": " + Prefix.of(a, 32));
                }
                assertEquals(ref.size(), table.size());
            }
        }
    }
}
