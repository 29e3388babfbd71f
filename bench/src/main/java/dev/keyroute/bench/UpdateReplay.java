package dev.keyroute.bench;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.allowedips.AllowedIps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Where the slow single changes come from: replays what {@link AllowedIpsUpdateBench} does (on
 * the loaded Internet-scale table, single inserts of fresh prefixes of the same distribution, or
 * single removals of the table's own prefixes in random order, as copies allocated in that
 * order), times each call, and per round prints p50 and p99 and, per kind of prefix (family and
 * length class), the count, the mean and how many of the slowest 1 % it holds. Each round applies 20,000 changes, then undoes them in
 * one untimed batch; the first 8 rounds are warm-up.
 *
 * <p>Run: {@code java -Xms6g -Xmx6g -XX:+UseTransparentHugePages -XX:+AlwaysPreTouch -cp
 * bench/target/benchmarks.jar dev.keyroute.bench.UpdateReplay insert|remove [rounds]}.
 */
public final class UpdateReplay {
    private static final int N = 20_000;
    private static final int WARMUP = 8;

    private UpdateReplay() {
    }

    public static void main(String[] args) {
        boolean remove = args.length > 0 && args[0].equals("remove");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        TrieFixture fixture = TrieFixture.internetScale();
        AllowedIps<TrieFixture.Peer> trie = fixture.loaded();
        List<Prefix> changes = new ArrayList<>();
        List<TrieFixture.Peer> owners = new ArrayList<>();
        if (remove) {
            int[] order = TrieFixture.shuffled(fixture.prefixes.length, new SplittableRandom(1));
            for (int i = 0; i < N; i++) {
                Prefix p = fixture.prefixes[order[i]];
                changes.add(Prefix.of(p.address(), p.length())); // allocated in removal order, as AllowedIpsUpdateBench does
                owners.add(fixture.peerOf(order[i]));
            }
        } else {
            SyntheticTable extra = SyntheticTable.generate(SyntheticTable.DEFAULT_SEED + 1, 250_000, 50_000, 1_000, 0);
            for (int i : TrieFixture.shuffled(extra.size(), new SplittableRandom(2))) { // IPv4 and IPv6 mixed
                if (changes.size() == N) {
                    break;
                }
                Prefix p = extra.prefix(i);
                if (trie.get(p) == null) {
                    changes.add(p);
                    owners.add(fixture.peers[extra.peerOf(i)]);
                }
            }
        }
        long[] nanos = new long[changes.size()];
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < nanos.length; i++) {
                long t0 = System.nanoTime();
                if (remove) {
                    trie.remove(changes.get(i));
                } else {
                    trie.insert(changes.get(i), owners.get(i));
                }
                nanos[i] = System.nanoTime() - t0;
            }
            trie.apply(b -> { // undo, untimed
                for (int i = 0; i < changes.size(); i++) {
                    if (remove) {
                        b.insert(changes.get(i), owners.get(i));
                    } else {
                        b.remove(changes.get(i));
                    }
                }
            });
            if (round >= WARMUP) {
                report(changes, nanos);
            }
        }
    }

    private static void report(List<Prefix> changes, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        long p99 = sorted[sorted.length * 99 / 100];
        Map<String, long[]> byKind = new TreeMap<>(); // count, total ns, among the slowest 1 %
        for (int i = 0; i < nanos.length; i++) {
            long[] k = byKind.computeIfAbsent(kind(changes.get(i)), x -> new long[3]);
            k[0]++;
            k[1] += nanos[i];
            k[2] += nanos[i] >= p99 ? 1 : 0;
        }
        StringBuilder line = new StringBuilder(String.format("p50 %d ns, p99 %d ns:", sorted[sorted.length / 2], p99));
        byKind.forEach((kind, k) -> line.append(String.format(" %s n=%d mean=%d ns slowest1%%=%d;", kind, k[0], k[1] / k[0], k[2])));
        System.out.println(line);
    }

    private static String kind(Prefix p) {
        int l = p.length();
        if (p.isIpv6()) {
            return l <= 32 ? "v6/<=32" : l <= 48 ? "v6/33-48" : "v6/>48";
        }
        return l <= 16 ? "v4/<=16" : l <= 24 ? "v4/17-24" : "v4/>24";
    }
}
