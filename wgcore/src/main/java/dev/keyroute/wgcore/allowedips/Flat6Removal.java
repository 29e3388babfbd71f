package dev.keyroute.wgcore.allowedips;

import java.util.function.LongToIntFunction;

/**
 * The IPv6 prefixes of one peer on their way out of the flat IPv6 table during
 * {@code removeByPeer}: collected first, then removed grouped by (level, bucket), so that each
 * {@link Bucket6} a big peer touches is loaded into the cache (and copied) once, instead of a
 * cache miss per prefix in the order of the peer's hash set.
 */
final class Flat6Removal {
    /** Fewer prefixes than this are removed in collection order. */
    private static final int GROUPED = 256;

    private final long[] hi;
    private final long[] lo;
    private final int[] len;
    private int n;

    Flat6Removal(int capacity) {
        hi = new long[capacity];
        lo = new long[capacity];
        len = new int[capacity];
    }

    int size() {
        return n;
    }

    void add(long h, long l, int length) {
        hi[n] = h;
        lo[n] = l;
        len[n++] = length;
    }

    /**
     * Removes every collected prefix, which must all map to peer {@code id}; grouped by bucket
     * only for a peer with many (the grouping's counting array has an entry per bucket).
     */
    void removeFrom(Writer6 w6, int id, LongToIntFunction coverOf) {
        if (n < GROUPED) {
            for (int i = 0; i < n; i++) {
                remove(w6, i, id, coverOf);
            }
            return;
        }
        int[] group = new int[n];
        int[] start = new int[Table6.LEVELS * Table6.BUCKETS + 1];
        for (int i = 0; i < n; i++) {
            int level = Table6.levelOf(len[i]);
            int h = Bucket6.hash(Table6.keyHi(hi[i], level), Table6.keyLo(lo[i], level));
            group[i] = level * Table6.BUCKETS + Table6.bucketOf(h);
            start[group[i] + 1]++;
        }
        for (int g = 0; g < start.length - 1; g++) {
            start[g + 1] += start[g];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[start[group[i]]++] = i;
        }
        for (int i : order) {
            remove(w6, i, id, coverOf);
        }
    }

    private void remove(Writer6 w6, int i, int id, LongToIntFunction coverOf) {
        if (w6.set(hi[i], lo[i], len[i], 0, false, coverOf) != id) {
            throw new AssertionError("peer index out of sync with flat IPv6 table");
        }
    }
}
