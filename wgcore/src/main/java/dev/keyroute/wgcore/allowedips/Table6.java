package dev.keyroute.wgcore.allowedips;

/**
 * The flat IPv6 table for prefixes longer than /32: per level {@code L} (4..16), a hash map from
 * the first {@code L} bytes of an address to an entry of the {@link IntNode} for byte {@code L}
 * (prefixes {@code 8L+1 .. 8L+7}) and
 * a value, spread over {@value #BUCKETS} {@link Bucket6}s by the top bits of the key's hash, reached
 * through a two-level directory ({@value #DIR} directories of {@value #DIR} buckets) so that a
 * single change copies two 64-entry arrays and one small bucket rather than a 256-entry array and
 * a bucket of hundreds of entries. A byte-aligned prefix
 * {@code /8L} (L &gt;= 5: /40, /48, /56 ... /128) is stored as the value of the level-L entry of
 * its own bytes, so the commonest Internet length, /48, costs a lookup one probe and no node.
 * Level 4 values are instead the cover of the /32 from the short prefixes (/0../32, kept in the
 * chunk trie). Levels are independent (no leaf pushing between them): a lookup probes the
 * non-empty levels deepest first, node before value, and the first hit is the longest match;
 * an address whose /32 has no level-4 entry is answered by the short trie ({@link #MISS}).
 *
 * @param levels per level the directory (null: level empty); {@code levels[L][d][b]} is the bucket
 *     of hash top bits {@code d, b} (see {@link #dir}, {@link #sub}), null when empty
 * @param mask bit {@code L} set when level {@code L} has entries
 */
record Table6(Bucket6[][][] levels, int mask) {
    /** Lookup result: no level-4 entry for the address's /32; ask the short-prefix trie. */
    static final int MISS = -1;

    static final int LEVELS = 17;
    /** Directories per level and buckets per directory. */
    static final int DIR = 64;
    static final int BUCKETS = DIR * DIR;

    static Table6 empty() {
        return new Table6(new Bucket6[LEVELS][][], 0);
    }

    /** Directory of a key hash. */
    static int dir(int h) {
        return h >>> 26;
    }

    /** Bucket of a key hash within its directory. */
    static int sub(int h) {
        return (h >>> 20) & (DIR - 1);
    }

    /** Bucket number (0..{@value #BUCKETS} - 1) of a key hash within its level. */
    static int bucketOf(int h) {
        return h >>> 20;
    }

    /** The bucket of hash {@code h} at a level, or null. */
    static Bucket6 bucket(Bucket6[][] level, int h) {
        if (level == null) {
            return null;
        }
        Bucket6[] d = level[dir(h)];
        return d == null ? null : d[sub(h)];
    }

    /** Whether a prefix longer than /32 is stored as an entry value (byte-aligned) rather than in a node. */
    static boolean aligned(int len) {
        return (len & 7) == 0;
    }

    /** Level of a prefix longer than /32. */
    static int levelOf(int len) {
        return aligned(len) ? len >>> 3 : (len - 1) >>> 3;
    }

    /** Key of level {@code L}: the first L bytes of (hi, lo), right-aligned per half. */
    static long keyHi(long hi, int level) {
        return level >= 8 ? hi : hi >>> (64 - 8 * level);
    }

    static long keyLo(long lo, int level) {
        return level <= 8 ? 0 : lo >>> (128 - 8 * level);
    }

    /** Byte {@code L} of the address: the slot in a level-L node. */
    static int slot(long hi, long lo, int level) {
        return level < 8 ? (int) (hi >>> (56 - 8 * level)) & 0xff : level < 16 ? (int) (lo >>> (120 - 8 * level)) & 0xff : 0;
    }

    /** Longest-match peer id (0: none) or {@link #MISS}. Reader hot path. */
    static int lookup(Bucket6[][][] levels, int mask, long hi, long lo) {
        for (int m = mask; m != 0; ) {
            int level = 31 - Integer.numberOfLeadingZeros(m);
            m ^= 1 << level;
            long kh = keyHi(hi, level);
            long kl = keyLo(lo, level);
            int h = Bucket6.hash(kh, kl);
            Bucket6[] d = levels[level][h >>> 26];
            Bucket6 b = d == null ? null : d[(h >>> 20) & (DIR - 1)];
            if (b == null) {
                if (level == 4) {
                    return MISS;
                }
                continue;
            }
            int i = b.find(h, kh, kl);
            if (i < 0) {
                if (level == 4) {
                    return MISS;
                }
                continue;
            }
            int meta = b.meta(i);
            int[] node = (meta & Bucket6.HAS_NODE) != 0 ? b.node(i) : null; // null: dropped meanwhile
            if (node != null) {
                int v = IntNode.get6(node, slot(hi, lo, level));
                if (v != 0) {
                    return v;
                }
            }
            int v = meta & Bucket6.COVER_MASK;
            if (v != 0 || level == 4) {
                return v;
            }
        }
        return MISS;
    }

    /**
     * Peer id of the longest original of length {@code t-3 .. t} covering the first {@code t}
     * bits of {@code hi} ({@code t} = 36, 40, 44 or 48), or 0: what a {@link Fast6} entry holds.
     * At most two probes (the byte-aligned /t's level, the node's level), not one per length.
     */
    int longestIn(long hi, int t) {
        int level = (t - 1) >>> 3; // the level whose node holds the unaligned lengths
        if (aligned(t)) {
            int exact = find(hi, 0, t);
            if (exact != 0) {
                return exact;
            }
        }
        int[] node = nodeOf(levels, level, keyHi(hi, level), 0);
        if (node == null) {
            return 0;
        }
        int slot = slot(hi, 0, level);
        for (int len = aligned(t) ? t - 1 : t; len > t - Fast6.STRIDE; len--) {
            int id = IntNode.find(node, IntNode.codeOf(slot, len - 8 * level));
            if (id != 0) {
                return id;
            }
        }
        return 0;
    }

    /** The node of the level entry with key (kh, kl), or null. */
    static int[] nodeOf(Bucket6[][][] levels, int level, long kh, long kl) {
        int h = Bucket6.hash(kh, kl);
        Bucket6 b = bucket(levels[level], h);
        int i = b == null ? -1 : b.find(h, kh, kl);
        return i < 0 ? null : b.node(i);
    }

    /** The cover held by the level-4 entry of /32 {@code key}, or -1 when it has none. */
    int level4(long key) {
        int h = Bucket6.hash(key, 0);
        Bucket6 b = bucket(levels[4], h);
        int i = b == null ? -1 : b.find(h, key, 0);
        return i < 0 ? -1 : b.value(i);
    }

    /** Receives a level-4 entry: its /32 and cover. */
    interface Level4Visitor {
        void accept(long key, int cover);
    }

    /** Visits every level-4 entry. */
    void forEachLevel4(Level4Visitor v) {
        for (Bucket6 b : Writer6.buckets(levels[4])) {
            for (int i = 0; i < b.capacity(); i++) {
                if (b.meta(i) != 0) {
                    v.accept(b.key(i), b.value(i));
                }
            }
        }
    }

    /** Exact-match peer id of a prefix longer than /32, or 0. */
    int find(long hi, long lo, int len) {
        int level = levelOf(len);
        long kh = keyHi(hi, level);
        long kl = keyLo(lo, level);
        int h = Bucket6.hash(kh, kl);
        Bucket6 b = bucket(levels[level], h);
        int i = b == null ? -1 : b.find(h, kh, kl);
        if (i >= 0 && aligned(len)) {
            return b.value(i);
        }
        int[] node = i < 0 ? null : b.node(i);
        return node == null ? 0 : IntNode.find(node, IntNode.codeOf(slot(hi, lo, level), len - 8 * level));
    }
}
