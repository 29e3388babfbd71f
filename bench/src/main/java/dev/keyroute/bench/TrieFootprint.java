package dev.keyroute.bench;

import dev.keyroute.wgcore.allowedips.AllowedIps;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained heap of the loaded Internet-scale table, measured with JOL over the object graph of
 * the {@link AllowedIps} instance (nodes, per-peer index, the peer objects themselves), divided
 * by the number of prefixes. Target: at most 64 bytes per prefix. Run via
 * {@code bench/run-jmh.sh --footprint}; add {@code -XX:+UseCompactObjectHeaders} to see the
 * effect of 8-byte headers.
 */
public final class TrieFootprint {
    private TrieFootprint() {
    }

    public static void main(String[] args) {
        TrieFixture fixture = TrieFixture.internetScale();
        long t0 = System.nanoTime();
        AllowedIps<TrieFixture.Peer> trie = fixture.loaded();
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        GraphLayout layout = GraphLayout.parseInstance(trie);
        long bytes = layout.totalSize();
        System.out.println(layout.toFootprint());
        System.out.printf("prefixes=%d objects=%d totalBytes=%d bytesPerPrefix=%.1f (first load %d ms)%n",
                trie.size(), layout.totalCount(), bytes, (double) bytes / trie.size(), loadMs);
    }
}
