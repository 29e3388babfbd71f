package dev.keyroute.bench;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.allowedips.AllowedIps;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the AllowedIPs benchmarks share: addresses to look up, the lookup loops over them, and
 * pools of new prefixes for single changes.
 */
final class LookupWorkload {
    /** Addresses inside random table prefixes (routed) and uniformly random IPv4 ones; IPv6 low halves random. */
    record Addresses(int[] uniform4, int[] routed4, long[] routed6Hi, long[] routed6Lo) {
    }

    /** New prefixes (not in the loaded table), in a random order, and the peer of each. */
    record Fresh(Prefix[] prefixes, TrieFixture.Peer[] peers) {
    }

    private LookupWorkload() {
    }

    static Addresses addresses(SyntheticTable table, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Addresses a = new Addresses(new int[n], new int[n], new long[n], new long[n]);
        for (int i = 0; i < n; i++) {
            a.uniform4[i] = rnd.nextInt();
            a.routed4[i] = table.routedV4(rnd);
            a.routed6Hi[i] = table.routedV6Hi(rnd);
            a.routed6Lo[i] = rnd.nextLong();
        }
        return a;
    }

    /**
     * Prefixes of another table of the same shape ({@code v4} + {@code v6} generated with the next
     * seed) that the loaded {@code trie} does not hold, shuffled so that IPv4 and IPv6 mix as in the
     * table, with their peers among the fixture's.
     */
    static Fresh fresh(TrieFixture fixture, AllowedIps<TrieFixture.Peer> trie, int v4, int v6) {
        SyntheticTable extra = SyntheticTable.generate(SyntheticTable.DEFAULT_SEED + 1, v4, v6, 1_000, 0);
        List<Prefix> list = new ArrayList<>();
        List<TrieFixture.Peer> peers = new ArrayList<>();
        for (int i : TrieFixture.shuffled(extra.size(), new SplittableRandom(2))) {
            Prefix p = extra.prefix(i);
            if (trie.get(p) == null) {
                list.add(p);
                peers.add(fixture.peers[extra.peerOf(i)]);
            }
        }
        return new Fresh(list.toArray(Prefix[]::new), peers.toArray(TrieFixture.Peer[]::new));
    }

    /** Looks up every IPv4 address; returns how many matched. */
    static int lookupAll(AllowedIps<TrieFixture.Peer> trie, int[] addresses) {
        int hits = 0;
        for (int a : addresses) {
            if (trie.lookupV4(a) != null) {
                hits++;
            }
        }
        return hits;
    }

    /** Looks up every IPv6 address (high and low halves); returns how many matched. */
    static int lookupAll(AllowedIps<TrieFixture.Peer> trie, long[] hi, long[] lo) {
        int hits = 0;
        for (int i = 0; i < hi.length; i++) {
            if (trie.lookupV6(hi[i], lo[i]) != null) {
                hits++;
            }
        }
        return hits;
    }
}
