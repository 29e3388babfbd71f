package dev.keyroute.bench;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.ShardedHashMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The longest single {@code put} while a route map grows to a full table, one prefix at a time as
 * the route follower fills it: {@link HashMap} (each doubling rehashes every entry in one call)
 * against {@link ShardedHashMap} (a doubling rehashes one of its 64 shards). Per round and map:
 * the 1.2M prefixes of the synthetic table in their table order (already shuffled across the
 * address space), each put timed with {@code System.nanoTime}; reported: total time, the five
 * longest puts, and how many took over 1 ms.
 *
 * <p>Run without a collector, so that what is timed is the map's own work, not GC pauses:
 * {@code java -XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xms8g -Xmx8g -XX:+AlwaysPreTouch
 * -cp bench/target/benchmarks.jar dev.keyroute.bench.MapGrowthProbe [rounds]}.
 */
public final class MapGrowthProbe {
    private MapGrowthProbe() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        SyntheticTable table = SyntheticTable.internetScale(SyntheticTable.DEFAULT_SEED);
        Prefix[] prefixes = new Prefix[table.size()];
        for (int i = 0; i < prefixes.length; i++) {
            prefixes[i] = table.prefix(i);
        }
        long[] ns = new long[prefixes.length];
        for (int round = 0; round < rounds; round++) {
            grow("HashMap", HashMap::new, prefixes, ns);
            grow("ShardedHashMap", ShardedHashMap::new, prefixes, ns);
        }
    }

    private static void grow(String name, Supplier<Map<Prefix, Object>> maps, Prefix[] prefixes, long[] ns) {
        Map<Prefix, Object> m = maps.get();
        long start = System.nanoTime();
        for (int i = 0; i < prefixes.length; i++) {
            long t0 = System.nanoTime();
            m.put(prefixes[i], Boolean.TRUE);
            ns[i] = System.nanoTime() - t0;
        }
        long total = System.nanoTime() - start;
        long over1ms = Arrays.stream(ns).filter(t -> t > 1_000_000).count();
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        StringBuilder top = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            top.append(String.format(" %.2f", sorted[sorted.length - i] / 1e6));
        }
        System.out.printf("%-15s %d puts in %6.0f ms; longest puts (ms):%s; over 1 ms: %d%n", name, m.size(), total / 1e6, top,
                over1ms);
    }
}
