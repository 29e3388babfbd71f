package dev.keyroute.bench;

import dev.keyroute.wgcore.allowedips.AllowedIps;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread lookup rate on the loaded 1.2 M-prefix table. Each invocation looks up 2^20
 * precomputed addresses (4 MB of IPv4 addresses, far more distinct paths than the caches hold):
 * uniformly random IPv4 addresses ({@code v4Uniform}, many miss the table early), addresses
 * inside random table prefixes ({@code v4Routed}, {@code v6Routed}: full-depth walks).
 * Target: at least 20 M lookups/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch"})
public class AllowedIpsLookupBench {
    private static final int N = 1 << 20;

    private AllowedIps<TrieFixture.Peer> trie;
    private int[] uniform4;
    private int[] routed4;
    private long[] routed6Hi;
    private long[] routed6Lo;

    @Setup
    public void setUp() {
        TrieFixture fixture = TrieFixture.internetScale();
        trie = fixture.loaded();
        SplittableRandom rnd = new SplittableRandom(3);
        uniform4 = new int[N];
        routed4 = new int[N];
        routed6Hi = new long[N];
        routed6Lo = new long[N];
        for (int i = 0; i < N; i++) {
            uniform4[i] = rnd.nextInt();
            routed4[i] = fixture.table.routedV4(rnd);
            routed6Hi[i] = fixture.table.routedV6Hi(rnd);
            routed6Lo[i] = rnd.nextLong();
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int v4Uniform() {
        int hits = 0;
        for (int a : uniform4) {
            if (trie.lookupV4(a) != null) {
                hits++;
            }
        }
        return hits;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int v4Routed() {
        int hits = 0;
        for (int a : routed4) {
            if (trie.lookupV4(a) != null) {
                hits++;
            }
        }
        return hits;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int v6Routed() {
        int hits = 0;
        for (int i = 0; i < N; i++) {
            if (trie.lookupV6(routed6Hi[i], routed6Lo[i]) != null) {
                hits++;
            }
        }
        return hits;
    }
}
