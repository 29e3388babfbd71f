package dev.keyroute.wgcore.allowedips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.config.Prefix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random operation sequences applied to {@link AllowedIps} and {@link ReferenceAllowedIps}; every
 * return value, every lookup, exact get, size and version must agree, and periodically the whole
 * content is compared. About 1 million operations in total. With {@code fillers}, that many other
 * peers first get an IPv6 host route each in fc00::/16 (in the table only: the reference is
 * linear, and they are left out of the comparisons), so the peers under test get ids above
 * 32,767: ids that do not fit an IPv4 slot and are kept in kids (prefixes /17../32) or in the
 * cover array (prefixes up to /16), and that {@link Fast6} entries cannot hold (they defer to
 * {@link Table6}). With {@code shallow6}, IPv6 prefixes have the Internet's shape (see
 * {@link RandomPrefixes}), so most IPv6 lookups are answered by {@link Fast6}. With a small
 * {@code parallelMin}, most {@code removeByPeer} calls outside a batch remove their IPv6 half on
 * a second thread.
 */
class AllowedIpsDifferentialTest {
    private record Peer(int id) {
    }

    private static final int OPS_PER_SEED = 32_000;
    private static final ByteBuffer HEAP = ByteBuffer.allocate(32);
    private static final ByteBuffer DIRECT = ByteBuffer.allocateDirect(32);

    @ParameterizedTest(name = "sites={0} peers={1} fillers={2} seeds={3} shallow6={4} parallelMin={5}")
    @CsvSource({"2, 3, 0, 8, false, 4096", "8, 6, 0, 8, false, 4096", "40, 12, 0, 8, false, 4096",
        "200, 30, 0, 8, false, 4096", "40, 12, 33000, 2, false, 4096", "8, 6, 0, 4, true, 4096",
        "200, 30, 0, 4, true, 4096", "40, 12, 33000, 1, true, 4096", "200, 6, 0, 4, true, 8", "40, 4, 33000, 1, false, 8"})
    void shouldAgreeWithReferenceOnRandomOperations(int sites, int peerCount, int fillers, int seeds, boolean shallow6,
                                                    int parallelMin) {
        long ops = 0;
        for (int seed = 0; seed < seeds; seed++) {
            ops += run(seed * 7919L + sites, sites, peerCount, fillers, shallow6, parallelMin);
        }
        assertEquals((long) seeds * OPS_PER_SEED, ops);
    }

    /** Gives {@code n} other peers (negative ids) an IPv6 host route each in fc00::/16, in one batch. */
    private static void fill(AllowedIps<Peer> trie, ReferenceAllowedIps<Peer> ref, int n) {
        if (n == 0) {
            return;
        }
        List<Prefix> hosts = new ArrayList<>();
        List<Peer> owners = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] a = new byte[16];
            a[0] = (byte) 0xfc;
            a[13] = (byte) (i >>> 16);
            a[14] = (byte) (i >>> 8);
            a[15] = (byte) i;
            hosts.add(Prefix.of(a, 128));
            owners.add(new Peer(-1 - i));
        }
        trie.apply(b -> b.insertAll(hosts, owners));
        ref.setVersion(trie.version());
    }

    private long run(long seed, int sites, int peerCount, int fillers, boolean shallow6, int parallelMin) {
        RandomPrefixes gen = new RandomPrefixes(seed, sites, shallow6);
        SplittableRandom rnd = gen.random();
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < peerCount; i++) {
            peers.add(new Peer(i));
        }
        AllowedIps<Peer> trie = new AllowedIps<>(parallelMin);
        ReferenceAllowedIps<Peer> ref = new ReferenceAllowedIps<>();
        fill(trie, ref, fillers);
        String ctx = "seed " + seed;
        long ops = 0;
        int maxSize = 0;
        for (int i = 0; i < OPS_PER_SEED; i++, ops++) {
            final int step = i;
            boolean v6 = rnd.nextBoolean();
            Peer peer = peers.get(rnd.nextInt(peers.size()));
            int op = rnd.nextInt(1000);
            if (op < 330) {
                Prefix p = gen.prefix(v6);
                assertSame(ref.insert(p, peer), trie.insert(p, peer), () -> ctx + " insert " + p);
            } else if (op < 450) {
                Prefix p = gen.existingOrNew(v6);
                assertSame(ref.remove(p), trie.remove(p), () -> ctx + " remove " + p);
            } else if (op < 530) {
                Prefix p = gen.existingOrNew(v6);
                assertEquals(ref.remove(p, peer), trie.remove(p, peer), () -> ctx + " remove " + p + " " + peer);
            } else if (op < 536) {
                assertEquals(ref.removeByPeer(peer), trie.removeByPeer(peer), () -> ctx + " removeByPeer");
            } else if (op < 545) {
                batch(gen, peers, trie, ref, ctx);
            } else if (op < 550) {
                bulkInsert(gen, peers, trie, ref, ctx);
            } else if (op < 551) {
                ref.clear();
                trie.clear();
                fill(trie, ref, fillers);
            } else if (op < 556) {
                abortedBatch(gen, peers, trie, ctx);
            } else if (op < 650) {
                Prefix p = gen.existingOrNew(v6);
                assertSame(ref.get(p), trie.get(p), () -> ctx + " get " + p);
            } else {
                byte[] a = gen.address(v6);
                Peer expected = ref.lookup(a);
                assertSame(expected, trie.lookup(a), () -> ctx + " lookup");
                assertSame(expected, lookupOtherWays(trie, a, rnd), () -> ctx + " lookup other");
            }
            assertEquals(ref.version(), trie.version(), () -> ctx + " version after op " + step);
            assertEquals(ref.size() + fillers, trie.size(), () -> ctx + " size");
            maxSize = Math.max(maxSize, ref.size());
            if (i % 4096 == 0) {
                compareAll(trie, ref, peers, fillers, ctx);
            }
        }
        compareAll(trie, ref, peers, fillers, ctx);
        assertTrue(maxSize > 100, "table should grow beyond a handful of entries, was " + maxSize);
        return ops;
    }

    private static void batch(RandomPrefixes gen, List<Peer> peers, AllowedIps<Peer> trie,
                              ReferenceAllowedIps<Peer> ref, String ctx) {
        SplittableRandom rnd = gen.random();
        int n = 1 + rnd.nextInt(30);
        List<Prefix> prefixes = new ArrayList<>();
        List<Peer> chosen = new ArrayList<>();
        List<Integer> kinds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            prefixes.add(gen.existingOrNew(rnd.nextBoolean()));
            chosen.add(peers.get(rnd.nextInt(peers.size())));
            kinds.add(rnd.nextInt(10));
        }
        long before = ref.version();
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(refStep(ref, kinds.get(i), prefixes.get(i), chosen.get(i)));
        }
        List<Object> actual = new ArrayList<>();
        trie.apply(b -> {
            for (int i = 0; i < n; i++) {
                actual.add(batchStep(b, kinds.get(i), prefixes.get(i), chosen.get(i)));
            }
        });
        for (int k = 0; k < n; k++) {
            final int i = k;
            Object e = expected.get(i);
            Object a = actual.get(i);
            if (e instanceof Peer || a instanceof Peer) {
                assertSame(e, a, () -> ctx + " batch step " + i);
            } else {
                assertEquals(e, a, () -> ctx + " batch step " + i);
            }
        }
        long refChanges = ref.version() - before;
        assertEquals(before + (refChanges > 0 ? 1 : 0), trie.version(), () -> ctx + " batch counts as one version");
        // The reference counts each change; align it with the one-step semantics of apply.
        ref.setVersion(trie.version());
    }

    /**
     * {@link Batch#insertAll} of a random list (prefixes repeat, often with another peer),
     * sometimes between other changes of the same batch: the same end state and count as the
     * inserts one by one.
     */
    private static void bulkInsert(RandomPrefixes gen, List<Peer> peers, AllowedIps<Peer> trie,
                                   ReferenceAllowedIps<Peer> ref, String ctx) {
        SplittableRandom rnd = gen.random();
        int n = 1 + rnd.nextInt(80);
        List<Prefix> prefixes = new ArrayList<>();
        List<Peer> chosen = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            prefixes.add(i > 0 && rnd.nextInt(8) == 0 ? prefixes.get(rnd.nextInt(i)) : gen.existingOrNew(rnd.nextBoolean()));
            chosen.add(peers.get(rnd.nextInt(peers.size())));
        }
        Prefix before = gen.existingOrNew(rnd.nextBoolean());
        Peer beforePeer = peers.get(rnd.nextInt(peers.size()));
        boolean removeFirst = rnd.nextBoolean();
        long version = ref.version();
        if (removeFirst) {
            ref.removeByPeer(beforePeer);
        }
        ref.insert(before, beforePeer);
        int newOnes = 0;
        for (int i = 0; i < n; i++) {
            if (ref.insert(prefixes.get(i), chosen.get(i)) == null) {
                newOnes++;
            }
        }
        int[] counted = new int[1];
        trie.apply(b -> {
            if (removeFirst) {
                b.removeByPeer(beforePeer);
            }
            b.insert(before, beforePeer);
            counted[0] = b.insertAll(prefixes, chosen);
        });
        assertEquals(newOnes, counted[0], () -> ctx + " insertAll count");
        assertEquals(version + (ref.version() > version ? 1 : 0), trie.version(), () -> ctx + " insertAll counts as one version");
        ref.setVersion(trie.version());
    }

    /** A batch whose consumer throws after random changes: nothing may change, ids included. */
    private static void abortedBatch(RandomPrefixes gen, List<Peer> peers, AllowedIps<Peer> trie, String ctx) {
        SplittableRandom rnd = gen.random();
        long before = trie.version();
        int n = 1 + rnd.nextInt(30);
        assertThrows(IllegalStateException.class, () -> trie.apply(b -> {
            for (int i = 0; i < n; i++) {
                batchStep(b, rnd.nextInt(10), gen.existingOrNew(rnd.nextBoolean()), peers.get(rnd.nextInt(peers.size())));
            }
            throw new IllegalStateException("abort");
        }), ctx);
        assertEquals(before, trie.version(), () -> ctx + " aborted batch changed the version");
    }

    private static Object refStep(ReferenceAllowedIps<Peer> ref, int kind, Prefix p, Peer peer) {
        return switch (kind) {
            case 0, 1, 2, 3, 4 -> ref.insert(p, peer);
            case 5, 6 -> ref.remove(p);
            case 7 -> ref.remove(p, peer);
            case 8 -> ref.get(p);
            default -> ref.removeByPeer(peer);
        };
    }

    private static Object batchStep(Batch<Peer> b, int kind, Prefix p, Peer peer) {
        return switch (kind) {
            case 0, 1, 2, 3, 4 -> b.insert(p, peer);
            case 5, 6 -> b.remove(p);
            case 7 -> b.remove(p, peer);
            case 8 -> b.get(p);
            default -> b.removeByPeer(peer);
        };
    }

    private static Peer lookupOtherWays(AllowedIps<Peer> trie, byte[] a, SplittableRandom rnd) {
        int offset = rnd.nextInt(8);
        ByteBuffer buf = rnd.nextBoolean() ? HEAP : DIRECT;
        buf.order(rnd.nextBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < a.length; i++) {
            buf.put(offset + i, a[i]);
        }
        Peer viaBuffer = trie.lookup(buf, offset, a.length == 16);
        Peer direct = a.length == 4
                ? trie.lookupV4(Keys.int4(a, 0))
                : trie.lookupV6(Keys.long8(a, 0), Keys.long8(a, 8));
        assertSame(direct, viaBuffer, "buffer lookup differs from direct lookup");
        return direct;
    }

    private static void compareAll(AllowedIps<Peer> trie, ReferenceAllowedIps<Peer> ref, List<Peer> peers,
                                   int fillers, String ctx) {
        List<String> expected = new ArrayList<>();
        ref.forEach((p, peer) -> expected.add(p + "=" + peer.id()));
        List<String> actual = new ArrayList<>();
        int[] filled = {0};
        trie.forEach((p, peer) -> {
            if (peer.id() < 0) {
                filled[0]++;
            } else {
                actual.add(p + "=" + peer.id());
            }
        });
        assertEquals(fillers, filled[0], () -> ctx + " fillers");
        assertEquals(expected, actual, () -> ctx + " content");
        for (Peer peer : peers) {
            assertEquals(ref.size(peer), trie.size(peer), () -> ctx + " size of " + peer);
            List<String> mine = new ArrayList<>();
            trie.forEachOfPeer(peer, p -> mine.add(p + "=" + peer.id()));
            List<String> theirs = expected.stream().filter(s -> s.endsWith("=" + peer.id())).sorted().toList();
            assertEquals(theirs, mine.stream().sorted().toList(), () -> ctx + " prefixes of " + peer);
        }
    }
}
