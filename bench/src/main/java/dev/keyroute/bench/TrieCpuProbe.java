package dev.keyroute.bench;

import dev.keyroute.wgcore.allowedips.AllowedIps;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;

/**
 * Companion to the JMH benches for an oversubscribed machine: runs the same operations on the
 * Internet-scale table and reports, next to wall time, the rate per CPU-second of the measuring
 * thread (ThreadMXBean), which is less distorted when other processes steal the cores. Not a
 * substitute for JMH on an idle machine (cache pollution by other processes still counts).
 * Run: {@code java -Xms6g -Xmx6g -XX:+UseTransparentHugePages -cp bench/target/benchmarks.jar
 * dev.keyroute.bench.TrieCpuProbe [rounds]}.
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
        int[] v4 = new int[N];
        long[] v6 = new long[N];
        for (int i = 0; i < N; i++) {
            v4[i] = f.table.routedV4(rnd);
            v6[i] = f.table.routedV6Hi(rnd);
        }
        long hits = 0;
        for (int round = 0; round < rounds; round++) {
            long w = System.nanoTime();
            long c = cpu();
            AllowedIps<TrieFixture.Peer> t = f.loaded();
            report("load", 1, w, c, "ms");
            for (int k = 0; k < 3; k++) {
                w = System.nanoTime();
                c = cpu();
                for (int a : v4) {
                    hits += t.lookupV4(a) != null ? 1 : 0;
                }
                report("lookup v4 routed", N, w, c, "M/s");
                w = System.nanoTime();
                c = cpu();
                for (long hi : v6) {
                    hits += t.lookupV6(hi, 1) != null ? 1 : 0;
                }
                report("lookup v6 routed", N, w, c, "M/s");
            }
            w = System.nanoTime();
            c = cpu();
            for (int i = 0; i < SINGLE; i++) {
                t.remove(f.prefixes[i * 50]);
            }
            report("single remove", SINGLE, w, c, "ns");
            w = System.nanoTime();
            c = cpu();
            for (int i = 0; i < SINGLE; i++) {
                t.insert(f.prefixes[i * 50], f.peerOf(i * 50));
            }
            report("single insert", SINGLE, w, c, "ns");
            w = System.nanoTime();
            c = cpu();
            t.removeByPeer(f.peers[0]);
            report("removeByPeer 100k", 1, w, c, "ms");
        }
        System.out.println("(hits " + hits + ")");
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
