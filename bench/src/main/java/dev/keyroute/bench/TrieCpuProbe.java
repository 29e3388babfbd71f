package dev.keyroute.bench;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.allowedips.AllowedIps;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Quick companion to the JMH benches: on the Internet-scale table, per round, the full load
 * (one batch, random order), lookups (IPv4 routed and uniform, IPv6 routed; 2^20 addresses each,
 * both families in the same loop as a data plane would), single inserts/removes with p50/p99 of
 * their wall time, and removeByPeer of the 100k-prefix peer; next to wall time the measuring
 * thread's CPU time, which is less distorted when other processes steal the cores.
 *
 * <p>Each measured loop is its own small method: a loop inside {@code main} is compiled on stack
 * replacement, where the JIT declined to inline the lookup and reported half the real rate.
 * Run: {@code java -Xms6g -Xmx6g -XX:+UseTransparentHugePages -XX:+AlwaysPreTouch -cp
 * bench/target/benchmarks.jar dev.keyroute.bench.TrieCpuProbe [rounds]}.
 */
public final class TrieCpuProbe {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final int N = 1 << 20;
    private static final int SINGLE = 20_000;

    private TrieCpuProbe() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        TrieFixture f = TrieFixture.internetScale();
        SplittableRandom rnd = new SplittableRandom(3);
        int[] routed4 = new int[N];
        int[] uniform4 = new int[N];
        long[] routed6 = new long[N];
        for (int i = 0; i < N; i++) {
            routed4[i] = f.table.routedV4(rnd);
            uniform4[i] = rnd.nextInt();
            routed6[i] = f.table.routedV6Hi(rnd);
        }
        Prefix[] some = new Prefix[SINGLE];
        TrieFixture.Peer[] theirPeers = new TrieFixture.Peer[SINGLE];
        for (int i = 0; i < SINGLE; i++) {
            int j = (int) ((long) i * 59 % f.prefixes.length);
            some[i] = f.prefixes[j];
            theirPeers[i] = f.peerOf(j);
        }
        long[] removeNs = new long[SINGLE];
        long[] insertNs = new long[SINGLE];
        long hits = 0;
        for (int round = 0; round < rounds; round++) {
            long w = System.nanoTime();
            long c = cpu();
            AllowedIps<TrieFixture.Peer> t = f.loaded();
            report("load 1.2M", 1, w, c, "ms");
            w = System.nanoTime();
            c = cpu();
            t = f.loadedInBulk();
            report("load 1.2M insertAll", 1, w, c, "ms");
            for (int k = 0; k < 3; k++) {
                w = System.nanoTime();
                c = cpu();
                hits += lookups4(t, routed4);
                report("lookup v4 routed", N, w, c, "M/s");
                w = System.nanoTime();
                c = cpu();
                hits += lookups4(t, uniform4);
                report("lookup v4 uniform", N, w, c, "M/s");
                w = System.nanoTime();
                c = cpu();
                hits += lookups6(t, routed6);
                report("lookup v6 routed", N, w, c, "M/s");
            }
            w = System.nanoTime();
            c = cpu();
            removes(t, some, removeNs);
            report("single remove", SINGLE, w, c, "ns");
            quantiles("single remove", removeNs);
            w = System.nanoTime();
            c = cpu();
            inserts(t, some, theirPeers, insertNs);
            report("single insert", SINGLE, w, c, "ns");
            quantiles("single insert", insertNs);
            w = System.nanoTime();
            c = cpu();
            t.removeByPeer(f.peers[0]);
            report("removeByPeer 100k", 1, w, c, "ms");
        }
        System.out.println("(hits " + hits + ")");
    }

    private static int lookups4(AllowedIps<TrieFixture.Peer> t, int[] addresses) {
        int hits = 0;
        for (int a : addresses) {
            hits += t.lookupV4(a) != null ? 1 : 0;
        }
        return hits;
    }

    private static int lookups6(AllowedIps<TrieFixture.Peer> t, long[] his) {
        int hits = 0;
        for (long hi : his) {
            hits += t.lookupV6(hi, 1) != null ? 1 : 0;
        }
        return hits;
    }

    private static void removes(AllowedIps<TrieFixture.Peer> t, Prefix[] prefixes, long[] ns) {
        for (int i = 0; i < prefixes.length; i++) {
            long t0 = System.nanoTime();
            t.remove(prefixes[i]);
            ns[i] = System.nanoTime() - t0;
        }
    }

    private static void inserts(AllowedIps<TrieFixture.Peer> t, Prefix[] prefixes, TrieFixture.Peer[] peers, long[] ns) {
        for (int i = 0; i < prefixes.length; i++) {
            long t0 = System.nanoTime();
            t.insert(prefixes[i], peers[i]);
            ns[i] = System.nanoTime() - t0;
        }
    }

    private static void quantiles(String what, long[] ns) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        System.out.printf("%-20s p50 %6d ns  p99 %6d ns  p99.9 %6d ns%n", what, sorted[sorted.length / 2],
                sorted[sorted.length * 99 / 100], sorted[sorted.length * 999 / 1000]);
    }

    private static long cpu() {
        return MX.getCurrentThreadCpuTime();
    }

    private static void report(String what, int ops, long wall0, long cpu0, String unit) {
        double wall = System.nanoTime() - wall0;
        double cpu = cpu() - cpu0;
        switch (unit) {
            case "M/s" -> System.out.printf("%-20s wall %8.2f M/s   cpu %8.2f M/s%n", what, ops * 1e3 / wall, ops * 1e3 / cpu);
            case "ns" -> System.out.printf("%-20s wall %8.0f ns/op  cpu %8.0f ns/op%n", what, wall / ops, cpu / ops);
            default -> System.out.printf("%-20s wall %8.0f ms     cpu %8.0f ms%n", what, wall / 1e6, cpu / 1e6);
        }
    }
}
