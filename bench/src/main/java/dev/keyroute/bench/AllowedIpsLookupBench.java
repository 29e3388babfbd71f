package dev.keyroute.bench;

import dev.keyroute.wgcore.allowedips.AllowedIps;
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
    private LookupWorkload.Addresses addresses;

    @Setup
    public void setUp() {
        TrieFixture fixture = TrieFixture.internetScale();
        trie = fixture.loaded();
        addresses = LookupWorkload.addresses(fixture.table, N, 3);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int v4Uniform() {
        return LookupWorkload.lookupAll(trie, addresses.uniform4());
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int v4Routed() {
        return LookupWorkload.lookupAll(trie, addresses.routed4());
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int v6Routed() {
        return LookupWorkload.lookupAll(trie, addresses.routed6Hi(), addresses.routed6Lo());
    }
}
