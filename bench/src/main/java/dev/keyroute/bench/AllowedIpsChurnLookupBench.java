package dev.keyroute.bench;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.allowedips.AllowedIps;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The lookup loops of {@link AllowedIpsLookupBench} on the loaded 1.2 M-prefix table while a
 * second thread churns it at {@value #RATE} single changes per second (the "while a
 * writer churns 100k updates/s"): it inserts prefixes of another table of the same shape and
 * removes each again {@value #WINDOW} inserts later, so the table keeps its size. The writer
 * paces itself against the clock (bursts every ~50 us) and each iteration's teardown prints the
 * rate it reached, which must be at least {@value #RATE}/s for the numbers to count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch"})
public class AllowedIpsChurnLookupBench {
    private static final int N = 1 << 20;
    static final int RATE = 100_000;
    static final int WINDOW = 50_000;

    private AllowedIps<TrieFixture.Peer> trie;
    private LookupWorkload.Addresses addresses;
    private Prefix[] fresh;
    private TrieFixture.Peer[] freshPeer;
    private Thread writer;
    private volatile boolean stop;
    private volatile long changes;
    private long iterationStart;
    private long changesAtStart;

    @Setup(Level.Trial)
    public void setUp() {
        TrieFixture fixture = TrieFixture.internetScale();
        trie = fixture.loaded();
        addresses = LookupWorkload.addresses(fixture.table, N, 3);
        LookupWorkload.Fresh pool = LookupWorkload.fresh(fixture, trie, 250_000, 50_000);
        fresh = pool.prefixes();
        freshPeer = pool.peers();
        trie.apply(batch -> {
            for (int i = 0; i < WINDOW; i++) {
                batch.insert(fresh[i], freshPeer[i]);
            }
        });
        writer = new Thread(this::churn, "churn");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Change {@code k}: an even one inserts {@code fresh[WINDOW + k/2]}, an odd one removes
     * {@code fresh[k/2]} (indexes modulo the pool), so the live window of {@link #WINDOW} new
     * prefixes slides through the pool; paced to {@link #RATE} changes per second.
     */
    private void churn() {
        int f = fresh.length;
        long start = System.nanoTime();
        long done = 0;
        while (!stop) {
            long due = (System.nanoTime() - start) * RATE / 1_000_000_000L;
            for (; done < due; done++) {
                long i = done >>> 1;
                if ((done & 1) == 0) {
                    int j = (int) ((WINDOW + i) % f);
                    trie.insert(fresh[j], freshPeer[j]);
                } else {
                    trie.remove(fresh[(int) (i % f)]);
                }
            }
            changes = done;
            LockSupport.parkNanos(50_000);
        }
    }

    @Setup(Level.Iteration)
    public void mark() {
        iterationStart = System.nanoTime();
        changesAtStart = changes;
    }

    @TearDown(Level.Iteration)
    public void report() {
        double seconds = (System.nanoTime() - iterationStart) / 1e9;
        System.out.printf("  [writer: %.0f changes/s, table %d prefixes]%n", (changes - changesAtStart) / seconds, trie.size());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        stop = true;
        writer.join();
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
