package dev.keyroute.bench;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.allowedips.AllowedIps;

/** The Internet-scale table, its peers, and loading it into an {@link AllowedIps}. */
final class TrieFixture {
    /** A peer value; identity matters, content is for debugging. */
    record Peer(int id) {
    }

    final SyntheticTable table;
    final Prefix[] prefixes;
    final Peer[] peers;

    private final int[] peerIndex;
    private final java.util.List<Prefix> prefixList;
    private final java.util.List<Peer> peerList;

    TrieFixture(SyntheticTable table) {
        this.table = table;
        this.prefixes = table.prefixes();
        this.peers = new Peer[table.peers()];
        for (int i = 0; i < peers.length; i++) {
            peers[i] = new Peer(i);
        }
        this.peerIndex = new int[prefixes.length];
        for (int i = 0; i < prefixes.length; i++) {
            peerIndex[i] = table.peerOf(i);
        }
        this.prefixList = java.util.Arrays.asList(prefixes);
        this.peerList = peerList(peers, peerIndex);
    }

    private static java.util.List<Peer> peerList(Peer[] peers, int[] peerIndex) {
        Peer[] out = new Peer[peerIndex.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = peers[peerIndex[i]];
        }
        return java.util.Arrays.asList(out);
    }

    private TrieFixture(SyntheticTable table, Prefix[] prefixes, Peer[] peers, int[] peerIndex) {
        this.table = table;
        this.prefixes = prefixes;
        this.peers = peers;
        this.peerIndex = peerIndex;
        this.prefixList = java.util.Arrays.asList(prefixes);
        this.peerList = peerList(peers, peerIndex);
    }

    /** The same prefixes and peers, sorted by prefix (IPv4 first, address order). */
    TrieFixture sortedByPrefix() {
        Integer[] order = new Integer[prefixes.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> prefixes[x].compareTo(prefixes[y]));
        Prefix[] p = new Prefix[order.length];
        int[] idx = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            p[i] = prefixes[order[i]];
            idx[i] = peerIndex[order[i]];
        }
        return new TrieFixture(table, p, peers, idx);
    }

    /** The indexes 0..n-1 in a random order (Fisher-Yates). */
    static int[] shuffled(int n, java.util.SplittableRandom rnd) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    static TrieFixture internetScale() {
        return new TrieFixture(SyntheticTable.internetScale(SyntheticTable.DEFAULT_SEED));
    }

    Peer peerOf(int i) {
        return peers[peerIndex[i]];
    }

    /** Loads prefixes {@code [from, to)} in one batch. */
    void load(AllowedIps<Peer> trie, int from, int to) {
        trie.apply(batch -> {
            for (int i = from; i < to; i++) {
                batch.insert(prefixes[i], peerOf(i));
            }
        });
    }

    /** The whole table with one {@link dev.keyroute.wgcore.allowedips.Batch#insertAll} (lists made outside the timing). */
    AllowedIps<Peer> loadedInBulk() {
        AllowedIps<Peer> trie = new AllowedIps<>();
        trie.apply(batch -> batch.insertAll(prefixList, peerList));
        return trie;
    }

    AllowedIps<Peer> loaded() {
        AllowedIps<Peer> trie = new AllowedIps<>();
        load(trie, 0, prefixes.length);
        return trie;
    }
}
