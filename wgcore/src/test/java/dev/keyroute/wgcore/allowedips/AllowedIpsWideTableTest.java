package dev.keyroute.wgcore.allowedips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.keyroute.config.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Differential check on a wide table shaped like a routing table (many /8s and /16s populated,
 * so chunks are dense and sparse, children are pushed values from several levels): bulk load,
 * single changes, batch moves and peer removals, then every lookup of a large probe set, exact
 * gets and the whole content must agree with {@link ReferenceAllowedIps}.
 */
class AllowedIpsWideTableTest {
    private record Peer(int id) {
    }

    private static final int PREFIXES = 3_000;
    private static final int PROBES = 6_000;

    @Test
    void shouldAgreeWithReferenceOnWideTableThroughLoadChurnAndPeerRemoval() {
        SplittableRandom rnd = new SplittableRandom(11);
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            peers.add(new Peer(i));
        }
        List<Prefix> prefixes = new ArrayList<>();
        for (int i = 0; i < PREFIXES; i++) {
            prefixes.add(randomPrefix(rnd, rnd.nextInt(4) == 0));
        }
        AllowedIps<Peer> trie = new AllowedIps<>();
        ReferenceAllowedIps<Peer> ref = new ReferenceAllowedIps<>();
        trie.apply(b -> {
            for (Prefix p : prefixes) {
                Peer peer = peers.get(rnd.nextInt(peers.size()));
                assertSame(ref.insert(p, peer), b.insert(p, peer));
            }
        });
        compare(trie, ref, prefixes, rnd, "after load");
        for (int i = 0; i < 2_000; i++) {
            Prefix p = prefixes.get(rnd.nextInt(prefixes.size()));
            Peer peer = peers.get(rnd.nextInt(peers.size()));
            if (rnd.nextBoolean()) {
                assertSame(ref.insert(p, peer), trie.insert(p, peer));
            } else {
                assertSame(ref.remove(p), trie.remove(p));
            }
        }
        compare(trie, ref, prefixes, rnd, "after single changes");
        for (int k = 0; k < 5; k++) {
            Peer gone = peers.get(rnd.nextInt(peers.size()));
            assertEquals(ref.removeByPeer(gone), trie.removeByPeer(gone));
            Peer to = peers.get(rnd.nextInt(peers.size()));
            List<Prefix> moves = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                moves.add(prefixes.get(rnd.nextInt(prefixes.size())));
            }
            for (Prefix m : moves) {
                ref.remove(m);
                ref.insert(m, to);
            }
            trie.apply(b -> {
                for (Prefix m : moves) {
                    b.remove(m);
                    b.insert(m, to);
                }
            });
            compare(trie, ref, prefixes, rnd, "after peer removal and batch " + k);
        }
    }

    /** Lengths across all levels, clustered in a few /8s and /16s (IPv4) or /16s and /32s (IPv6). */
    private static Prefix randomPrefix(SplittableRandom rnd, boolean ipv6) {
        byte[] a = new byte[ipv6 ? 16 : 4];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) rnd.nextInt(256);
        }
        a[0] = (byte) (ipv6 ? 0x20 + rnd.nextInt(2) : 1 + rnd.nextInt(120));
        a[1] = (byte) rnd.nextInt(ipv6 ? 3 : 40);
        int bits = a.length * 8;
        int len = rnd.nextInt(10) == 0 ? rnd.nextInt(bits + 1) : (ipv6 ? 16 + rnd.nextInt(49) : 8 + rnd.nextInt(25));
        return Prefix.of(a, len);
    }

    private static void compare(AllowedIps<Peer> trie, ReferenceAllowedIps<Peer> ref, List<Prefix> prefixes,
                                SplittableRandom rnd, String ctx) {
        assertEquals(ref.size(), trie.size(), ctx);
        for (int i = 0; i < PROBES; i++) {
            Prefix p = prefixes.get(rnd.nextInt(prefixes.size()));
            byte[] a = p.address();
            for (int b = p.length(); b < a.length * 8; b++) {
                if (rnd.nextBoolean()) {
                    a[b >>> 3] ^= (byte) (0x80 >>> (b & 7));
                }
            }
            if (rnd.nextInt(8) == 0) { // near miss just outside the prefix
                int b = rnd.nextInt(Math.max(1, p.length()));
                a[b >>> 3] ^= (byte) (0x80 >>> (b & 7));
            }
            assertSame(ref.lookup(a), trie.lookup(a), () -> ctx + " lookup near " + p);
            assertSame(ref.get(p), trie.get(p), () -> ctx + " get " + p);
        }
        List<String> expected = new ArrayList<>();
        ref.forEach((p, peer) -> expected.add(p + "=" + peer.id()));
        List<String> actual = new ArrayList<>();
        trie.forEach((p, peer) -> actual.add(p + "=" + peer.id()));
        assertEquals(expected, actual, ctx + " content");
    }
}
