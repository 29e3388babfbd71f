package dev.keyroute.wgcore.allowedips;

import java.util.function.LongConsumer;

/**
 * What the IPv6 flat structures read of the frozen short-prefix trie (IPv6 /0../32): the cover
 * of a /32 (for {@link Table6}'s level-4 entries and {@link Fast6}'s stride-32 entries), and
 * which /32s lie under an original of length {@value #PUSHED_MIN}..31. Those /32s get a
 * stride-32 entry in {@link Fast6} even without a level-4 entry, so that a lookup inside a /29
 * (the common size of an IPv6 allocation) is answered by the index instead of a walk of the
 * short trie (measured on the synthetic table: 1.9 % of routed lookups took that walk, at 4-5
 * M/s, and its mispredicted branch cost the lookups around it too). At most 8 entries per
 * original; shorter ones are left to the trie. Writer-only; {@link #at} binds the root of the
 * running transaction.
 */
final class Covers6 {
    /** Shortest original whose /32s get an index entry. */
    static final int PUSHED_MIN = 29;

    private final PeerIds ids;
    private Chunk root;

    Covers6(PeerIds ids) {
        this.ids = ids;
    }

    /** This object reading {@code root} (a frozen {@link Chunk}; anything else reads as empty). */
    Covers6 at(Object root) {
        this.root = root instanceof Chunk c ? c : null;
        return this;
    }

    /** Peer id of the longest prefix /0../32 covering /32 {@code key} (0: none). */
    int cover(long key) {
        Object o = root;
        for (int i = 0; i < 4 && o instanceof Chunk c; i++) {
            o = c.get(byteOf(key, i));
        }
        return o == null || o instanceof Chunk ? 0 : ids.idOf(o);
    }

    /** {@link #cover} of {@code key} if an original /{@value #PUSHED_MIN}../31 covers it, else -1. */
    int pushedCover(long key) {
        Object o = root;
        for (int i = 0; i < 3 && o instanceof Chunk c; i++) {
            o = c.get(byteOf(key, i));
        }
        if (!(o instanceof Chunk c)) {
            return -1; // no chunk for byte 3: no original /25../32 on this path
        }
        int b = byteOf(key, 3);
        for (int len = PUSHED_MIN; len < Transaction.SHORT_V6; len++) {
            int l = len - 24;
            if (Chunk.find(c.codes, c.codes.length, 1 << l | b >>> (8 - l)) >= 0) {
                return cover(key);
            }
        }
        return -1;
    }

    /** Gives every /32 key under an original /{@value #PUSHED_MIN}../31 (a key under nested ones repeats). */
    void forEachPushed(LongConsumer action) {
        TrieWalk.walk(root, true, (ipv6, hi, lo, len, peer) -> {
            if (len >= PUSHED_MIN && len < Transaction.SHORT_V6) {
                long from = hi >>> 32;
                for (long k = from, to = from + (1L << (Transaction.SHORT_V6 - len)); k < to; k++) {
                    action.accept(k);
                }
            }
        });
    }

    private static int byteOf(long key, int i) {
        return (int) (key >>> (24 - 8 * i)) & 0xff;
    }
}
