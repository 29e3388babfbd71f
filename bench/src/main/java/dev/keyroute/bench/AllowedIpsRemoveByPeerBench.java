package dev.keyroute.bench;

import dev.keyroute.wgcore.allowedips.AllowedIps;
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
 * {@code removeByPeer} of the heavy peer (100,000 of the 1.2 M prefixes) from the loaded table;
 * its prefixes are put back (untimed) before every invocation. Target: at most 50 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch"})
public class AllowedIpsRemoveByPeerBench {
    private TrieFixture fixture;
    private AllowedIps<TrieFixture.Peer> trie;
    private TrieFixture.Peer heavy;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = TrieFixture.internetScale();
        trie = fixture.loaded();
        heavy = fixture.peers[0];
    }

    @Setup(Level.Invocation)
    public void restore() {
        if (trie.size(heavy) == 0) {
            trie.apply(batch -> {
                for (int i = 0; i < fixture.prefixes.length; i++) {
                    if (fixture.table.peerOf(i) == 0) {
                        batch.insert(fixture.prefixes[i], heavy);
                    }
                }
            });
        }
    }

    @Benchmark
    public int removeHeavyPeer() {
        int removed = trie.removeByPeer(heavy);
        if (removed != 100_000) {
            throw new IllegalStateException("removed " + removed);
        }
        return removed;
    }
}
