package dev.keyroute.bench;

import dev.keyroute.wgcore.allowedips.AllowedIps;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full-table load: 1.2 M prefixes (SyntheticTable.internetScale) into an empty table with one
 * {@code apply} batch, as after start-up or a resync dump. Target: at most 1 s. Measured in the
 * generator's random order and in address order, inserting one by one, and in random order
 * through {@code Batch.insertAll} (which visits the table in address order itself).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch"})
public class AllowedIpsLoadBench {
    private TrieFixture fixture;
    private TrieFixture sorted;

    @Setup
    public void setUp() {
        fixture = TrieFixture.internetScale();
        sorted = fixture.sortedByPrefix();
    }

    @Benchmark
    public AllowedIps<TrieFixture.Peer> loadFullTable() {
        return fixture.loaded();
    }

    /** Random order again, one {@code insertAll} call. */
    @Benchmark
    public AllowedIps<TrieFixture.Peer> loadFullTableInBulk() {
        return fixture.loadedInBulk();
    }

    /** Same table in address order, as the kernel dumps its FIB (fib_trie walk order). */
    @Benchmark
    public AllowedIps<TrieFixture.Peer> loadFullTableInAddressOrder() {
        return sorted.loaded();
    }
}
