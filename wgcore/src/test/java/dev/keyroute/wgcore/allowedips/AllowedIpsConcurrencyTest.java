package dev.keyroute.wgcore.allowedips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.config.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * Readers look up a fixed set of probe addresses while one writer churns single changes and
 * batches over prefixes that nest around those probes. Before committing version {@code v}, the
 * writer stores the expected answer of every probe at {@code v} (computed with the reference
 * table). A reader brackets each lookup with {@code version()} reads {@code v1 <= v2} and the
 * answer must be the expected answer of some version in {@code [v1, v2]}: a torn read (a
 * half-applied change, a node changed after publication) gives an answer no committed state
 * had, e.g. null while a batch moves /8 and /24 routes between peers. A single change (insert
 * or remove, or removal by peer) is written in place and may be seen just before its version is
 * published, so after one the range is {@code [v1, v2 + 1]}; a batch is never seen early.
 */
class AllowedIpsConcurrencyTest {
    private record Peer(int id) {
    }

    private static final int PROBES = 32;
    private static final int VERSIONS = 8_000;
    private static final int READERS = 2;

    @Test
    void shouldOnlyReturnAnswersOfCommittedStatesWhileWriterChurns() throws Exception {
        RandomPrefixes gen = new RandomPrefixes(42, 3);
        byte[][] probes = new byte[PROBES][];
        for (int i = 0; i < PROBES; i++) {
            probes[i] = gen.address(i % 2 == 1);
        }
        List<Prefix> pool = new ArrayList<>();
        for (byte[] probe : probes) {
            for (int len : new int[] {0, 1, 7, 8, 15, 16, 22, 24, 29, 30, 31, 32, 33, 36, 40, 44, 45, 47, 48, 64, 100, 127, 128}) {
                if (len <= probe.length * 8) {
                    pool.add(Prefix.of(probe, len));
                }
            }
        }
        List<Peer> peers = List.of(new Peer(0), new Peer(1), new Peer(2), new Peer(3));
        AllowedIps<Peer> table = new AllowedIps<>(8); // removeByPeer of a peer with 8 flat prefixes of each family: on two threads
        ReferenceAllowedIps<Peer> ref = new ReferenceAllowedIps<>();
        AtomicReferenceArray<Peer[]> oracle = new AtomicReferenceArray<>(VERSIONS + 2);
        oracle.set(0, new Peer[PROBES]);
        AtomicIntegerArray single = new AtomicIntegerArray(VERSIONS + 2); // 1: version v is a single change

        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicLong checks = new AtomicLong();
        AtomicLong nonNull = new AtomicLong();
        StopFlag done = new StopFlag();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            int seed = r;
            readers.add(Thread.ofPlatform().start(() -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                long n = 0;
                long hits = 0;
                while (!done.value || n < 10_000) {
                    int i = rnd.nextInt(PROBES);
                    long v1 = table.version();
                    Peer got = table.lookup(probes[i]);
                    long v2 = table.version();
                    boolean ok = false;
                    long last = v2 + single.get((int) v2 + 1);
                    for (long v = v1; v <= last && !ok; v++) {
                        ok = oracle.get((int) v)[i] == got;
                    }
                    if (!ok && failures.size() < 10) {
                        failures.add("probe " + i + " got " + got + " between versions " + v1 + ".." + v2);
                    }
                    hits += got != null ? 1 : 0;
                    n++;
                }
                checks.addAndGet(n);
                nonNull.addAndGet(hits);
            }));
        }

        SplittableRandom rnd = new SplittableRandom(7);
        long version = 0;
        while (version < VERSIONS) {
            int op = rnd.nextInt(10);
            Peer peer = peers.get(rnd.nextInt(peers.size()));
            Prefix p = pool.get(rnd.nextInt(pool.size()));
            long refBefore = ref.version();
            if (op < 5) {
                ref.insert(p, peer);
            } else if (op < 8) {
                ref.remove(p);
            } else if (op < 9) {
                ref.removeByPeer(peer);
            } else {
                List<Prefix> moves = new ArrayList<>();
                for (int k = 0; k < 12; k++) {
                    moves.add(pool.get(rnd.nextInt(pool.size())));
                }
                for (Prefix m : moves) {
                    if (ref.remove(m) == null) {
                        ref.insert(m, peer);
                    }
                }
                if (ref.version() == refBefore) {
                    continue;
                }
                publishOracle(oracle, version + 1, ref, probes);
                table.apply(b -> {
                    for (Prefix m : moves) {
                        if (b.remove(m) == null) {
                            b.insert(m, peer);
                        }
                    }
                });
                version++;
                ref.setVersion(version);
                assertEquals(version, table.version(), "batch is one version");
                continue;
            }
            if (ref.version() == refBefore) {
                continue; // no change; keep versions aligned with committed changes only
            }
            publishOracle(oracle, version + 1, ref, probes);
            single.set((int) version + 1, 1); // single changes and removals by peer are written in place
            if (op < 5) {
                table.insert(p, peer);
            } else if (op < 8) {
                table.remove(p);
            } else {
                table.removeByPeer(peer);
            }
            version++;
            ref.setVersion(version);
            assertEquals(version, table.version(), "writer's own view of the version");
        }
        done.value = true;
        for (Thread t : readers) {
            t.join();
        }
        assertTrue(failures.isEmpty(), () -> String.join("\n", failures));
        assertTrue(checks.get() > 100_000, "readers made too few lookups: " + checks.get());
        assertTrue(nonNull.get() > checks.get() / 10, "probes rarely matched; the test would be too weak");
    }

    private static void publishOracle(AtomicReferenceArray<Peer[]> oracle, long version,
                                      ReferenceAllowedIps<Peer> ref, byte[][] probes) {
        Peer[] expected = new Peer[probes.length];
        for (int i = 0; i < probes.length; i++) {
            expected[i] = ref.lookup(probes[i]);
        }
        oracle.set((int) version, expected);
    }

    private static final class StopFlag {
        volatile boolean value;
    }
}
