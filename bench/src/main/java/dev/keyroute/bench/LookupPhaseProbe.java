package dev.keyroute.bench;

import dev.keyroute.wgcore.allowedips.AllowedIps;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What sets the lookup rate when this VM slows down: in one JVM, round after round, the routed
 * IPv6 and IPv4 lookups of the JMH bench next to three yardsticks measured in the same second:
 * <ul>
 *   <li>IPv6 lookups of 2,048 addresses (the index's lines in cache: the lookup's own work),
 *   <li>a chain of dependent multiplies (the clock and the thread's share of time; a busy sibling
 *       hardware thread shows in the in-cache lookups instead, which need the core's width),
 *   <li>a chase of dependent random reads over 256 MB (the memory's latency),
 * </ul>
 * and the machine's steal time and the thread's CPU time against the wall. At the end the rounds
 * are sorted by their IPv6 rate and the slowest tenth is compared with the fastest half, column
 * by column: the column that falls with the lookups is what limits them in slow stretches.
 * Run: {@code java -Xms6g -Xmx6g -XX:+UseTransparentHugePages -XX:+AlwaysPreTouch -cp
 * bench/target/benchmarks.jar dev.keyroute.bench.LookupPhaseProbe [rounds]}.
 */
public final class LookupPhaseProbe {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final int N = 1 << 20;
    private static final int CACHED = 2_048;
    private static final int ALU_STEPS = 20_000_000;
    private static final int CHASE_INTS = 64 << 20;
    private static final int CHASE_STEPS = 200_000;
    private static final int CPUS = Runtime.getRuntime().availableProcessors();
    private static final String[] COLUMNS = {
        "v6 M/s", "v6 cached M/s", "v4 M/s", "alu Mops/s", "chase ns", "steal %", "cpu/wall %"};

    private LookupPhaseProbe() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        TrieFixture f = TrieFixture.internetScale();
        AllowedIps<TrieFixture.Peer> t = f.loadedInBulk();
        LookupWorkload.Addresses a = LookupWorkload.addresses(f.table, N, 3);
        long[] cachedHi = new long[N];
        long[] cachedLo = new long[N];
        for (int i = 0; i < N; i++) {
            cachedHi[i] = a.routed6Hi()[i % CACHED];
            cachedLo[i] = a.routed6Lo()[i % CACHED];
        }
        int[] chase = cycle(CHASE_INTS, new SplittableRandom(5));
        List<double[]> rows = new ArrayList<>();
        System.out.println("time | " + String.join(" | ", COLUMNS));
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            long steal0 = steal();
            long cpu0 = MX.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            double v6 = rate(() -> LookupWorkload.lookupAll(t, a.routed6Hi(), a.routed6Lo()), N);
            double v6c = rate(() -> LookupWorkload.lookupAll(t, cachedHi, cachedLo), N);
            double v4 = rate(() -> LookupWorkload.lookupAll(t, a.routed4()), N);
            double alu = rate(() -> (int) multiplies(ALU_STEPS, wall0), ALU_STEPS);
            double chaseNs = 1e9 / rate(() -> chase(chase, CHASE_STEPS), CHASE_STEPS);
            long wall = System.nanoTime() - wall0;
            double cpuShare = 100.0 * (MX.getCurrentThreadCpuTime() - cpu0) / wall;
            double stealPct = 100.0 * (steal() - steal0) * 1e7 / wall / CPUS; // a tick is 10 ms (USER_HZ 100)
            double[] row = {v6 / 1e6, v6c / 1e6, v4 / 1e6, alu / 1e6, chaseNs, stealPct, cpuShare};
            rows.add(row);
            System.out.printf("%4.0f | %s%n", (System.nanoTime() - start) / 1e9, format(row));
        }
        rows.sort(Comparator.comparingDouble(row -> row[0]));
        int tenth = Math.max(1, rows.size() / 10);
        System.out.println("slowest tenth by v6 (" + tenth + " rounds): " + format(mean(rows.subList(0, tenth))));
        System.out.println("fastest half  by v6 (" + rows.size() / 2 + " rounds): "
                + format(mean(rows.subList(rows.size() - rows.size() / 2, rows.size()))));
    }

    private static double rate(java.util.function.IntSupplier work, int ops) {
        long t0 = System.nanoTime();
        int sink = work.getAsInt();
        long ns = System.nanoTime() - t0;
        if (sink == 42) {
            System.out.print("");
        }
        return ops * 1e9 / ns;
    }

    /** A chain of dependent multiply-adds: the clock and the time the thread gets, no memory. */
    private static long multiplies(int steps, long seed) {
        long x = seed | 1;
        for (int i = 0; i < steps; i++) {
            x = x * 0x9E3779B97F4A7C15L + i;
        }
        return x;
    }

    /** Follows the cycle for {@code steps} dependent reads. */
    private static int chase(int[] next, int steps) {
        int i = 0;
        for (int s = 0; s < steps; s++) {
            i = next[i];
        }
        return i;
    }

    /** One random cycle through all {@code n} slots (Sattolo). */
    private static int[] cycle(int n, SplittableRandom rnd) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        int[] next = new int[n];
        for (int i = 0; i < n; i++) {
            next[order[i]] = order[(i + 1) % n];
        }
        return next;
    }

    /** The machine's steal time in USER_HZ ticks (the "cpu" line of /proc/stat, 8th value). */
    private static long steal() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        return Long.parseLong(f[8]);
    }

    private static double[] mean(List<double[]> rows) {
        double[] m = new double[COLUMNS.length];
        for (double[] row : rows) {
            for (int i = 0; i < m.length; i++) {
                m[i] += row[i] / rows.size();
            }
        }
        return m;
    }

    private static String format(double[] row) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            b.append(i == 0 ? "" : " | ").append(String.format("%6.1f", row[i]));
        }
        return b.toString();
    }
}
