package dev.keyroute.bench;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.allowedips.AllowedIps;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency distribution (SampleTime: read p50 and p99) of single {@code insert} and
 * {@code remove} calls on the loaded 1.2 M-prefix table. Targets: median at most 1 us, p99 at
 * most 10 us. Iterations are short so that the pools below are never exhausted; each iteration
 * starts from the loaded table again (untimed). Warm-up runs ten iterations: about 2 % of the
 * changes take rare paths (IPv4 /8../16, IPv6 /29../32, which also refresh covers), and with
 * three iterations those were still being compiled in the first measured ones (p99 28 us
 * falling to 11 us over five iterations), which says nothing about a daemon that runs for days.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 300, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch"})
public class AllowedIpsUpdateBench {

    /**
     * Loaded table plus 600k new prefixes of the same distribution (another seed), not in it (an
     * iteration of 300 ms inserts up to ~300k: the 300k pool of stop 12 ran out once inserts took
     * about 1 us; the table then grows to at most 1.5M during an iteration), in
     * a random order, so that IPv4 and IPv6 inserts mix as in the table (until stop 12 the pool
     * was in generation order: the ~100-200k inserts of an iteration were all IPv4).
     */
    @State(Scope.Thread)
    public static class InsertState {
        TrieFixture fixture;
        AllowedIps<TrieFixture.Peer> trie;
        Prefix[] fresh;
        TrieFixture.Peer[] freshPeer;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            fixture = TrieFixture.internetScale();
            trie = fixture.loaded();
            LookupWorkload.Fresh pool = LookupWorkload.fresh(fixture, trie, 500_000, 100_000);
            fresh = pool.prefixes();
            freshPeer = pool.peers();
        }

        @Setup(Level.Iteration)
        public void reset() {
            int inserted = Math.min(next, fresh.length);
            trie.apply(batch -> {
                for (int i = 0; i < inserted; i++) {
                    batch.remove(fresh[i]);
                }
            });
            next = 0;
        }
    }

    /**
     * Loaded table and a random order of its own prefixes to remove. The prefixes to remove are
     * equal copies allocated in that order, as the insert pool is allocated in its order: a
     * daemon removes a prefix it has just parsed from a netlink message, not one that sits cold
     * in the heap (removing the fixture's own objects in random order adds two cache misses per
     * call, the {@code Prefix} and its address array: p50 2.0 against 1.3-1.5 us, measured).
     */
    @State(Scope.Thread)
    public static class RemoveState {
        TrieFixture fixture;
        AllowedIps<TrieFixture.Peer> trie;
        int[] order;
        Prefix[] toRemove;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            fixture = TrieFixture.internetScale();
            trie = fixture.loaded();
            order = TrieFixture.shuffled(fixture.prefixes.length, new SplittableRandom(1));
            toRemove = new Prefix[order.length];
            for (int i = 0; i < order.length; i++) {
                Prefix p = fixture.prefixes[order[i]];
                toRemove[i] = Prefix.of(p.address(), p.length());
            }
        }

        @Setup(Level.Iteration)
        public void reset() {
            int removed = Math.min(next, order.length);
            trie.apply(batch -> {
                for (int i = 0; i < removed; i++) {
                    batch.insert(fixture.prefixes[order[i]], fixture.peerOf(order[i]));
                }
            });
            next = 0;
        }
    }

    @Benchmark
    public TrieFixture.Peer insert(InsertState s) {
        int i = s.next++;
        if (i >= s.fresh.length) {
            throw new IllegalStateException("insert pool exhausted; shorten the iteration");
        }
        return s.trie.insert(s.fresh[i], s.freshPeer[i]);
    }

    @Benchmark
    public TrieFixture.Peer remove(RemoveState s) {
        int i = s.next++;
        if (i >= s.order.length) {
            throw new IllegalStateException("remove pool exhausted; shorten the iteration");
        }
        return s.trie.remove(s.toRemove[i]);
    }
}
