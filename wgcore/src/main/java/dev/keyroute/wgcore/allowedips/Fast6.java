package dev.keyroute.wgcore.allowedips;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The IPv6 lookup index: for the common case (a longest match of /48 or shorter) one read per
 * stride from one small hash segment instead of a walk of {@link Table6}'s levels and nodes. It
 * is derived from {@link Table6} and the short-prefix trie, which stay the record of the
 * originals (exact match, walks, writers); {@link Fast6Writer} keeps it in step.
 *
 * <h2>Content</h2>
 * Five strides {@code t} = 32, 36, 40, 44, 48. For a stride {@code t > 32}, the entry of a
 * {@code t}-bit key exists when an original of length {@code t-3 .. t} covers the key, and holds
 * the id of the longest of them (prefixes are pushed down at most 3 bits: a /45 becomes 8
 * entries of stride 48). The stride-32 entry of a /32 exists when {@link Table6} has a level-4
 * entry for it or an original /29../31 covers it ({@link Covers6}), and holds its cover (longest
 * original /0../32, 0 for none). A lookup reads the five entries of its address and takes the
 * deepest that exists: entries of different strides hold disjoint lengths, so the deepest
 * existing one is the longest match. When none exists the /32 has no prefix longer than /32, no
 * cached cover and no /29../31 above it: {@link #MISS}, the short trie answers.
 * {@link #DEFER} (a /48 with prefixes longer than /48 under it, or a peer id that does not fit
 * 15 bits) sends the lookup to {@link Table6}.
 *
 * <h2>Layout</h2>
 * A directory of {@value #SEGMENTS} segments, chosen by a hash of the /32, so all entries of a /32
 * share a segment (a lookup's five reads stay in one small array, and a batch copies one segment
 * per /32 it changes, and the directory once). One array, not two levels: a lookup's path to its
 * segment is one dependent read shorter (measured +3-5 %; a batch copies 64 KB of references
 * instead of the sub-arrays it touches). A segment is an open-addressing table (linear probing,
 * capacity a power of two, load at most 3/4 counting tombstones) of one {@code long} per entry:
 * <pre>
 *  63                                             15 14              0
 * +-------------------------------------------------+-----------------+
 * | code: (key &lt;&lt; 1 | 1) &lt;&lt; (48 - t), 49 bits        | value, 15 bits  |
 * +-------------------------------------------------+-----------------+
 * </pre>
 * The marker bit under the key makes codes of different strides distinct and never 0. An entry's
 * home slot is the top {@code log2(capacity)} bits of its key word ({@link #key}: the entry with
 * the value bits 0) times an odd constant, so a lookup gets each stride's key word with one
 * {@code and} and one {@code or}, and its home slot with one multiply and one shift (measured
 * against a 64-bit mix of the code: +3-7 %, the same probe lengths). Slot 0 of a segment is the
 * writer's header (live entries, low half; tombstones, high half); entries start at index 1.
 * {@link #FREE} (0) ends a probe; {@link #TOMB} (code 0) is a removed entry a probe walks past.
 *
 * <h2>Publication</h2>
 * Like {@link Table4}'s slots: a batch copies the segments and directory arrays it changes; a
 * single change writes entries in place with release stores, each entry going straight from its
 * old value to its new one (an insert fills a free slot or a tombstone, a removal leaves a
 * tombstone, a rehash builds a new segment and then stores it). {@link AllowedIps#lookupV6}
 * validates its snapshot as {@link AllowedIps#lookupV4} does.
 */
final class Fast6 {
    /** Lookup result: no entry for the address; the short-prefix trie answers. */
    static final int MISS = Table6.MISS;
    static final int VALUE_BITS = 15;
    /** Value: ask {@link Table6} (deeper prefixes under the /48, or a peer id of 15 bits or more). */
    static final int DEFER = (1 << VALUE_BITS) - 1;
    static final long FREE = 0;
    static final long TOMB = 1;
    static final int SEGMENT_BITS = 14;
    static final int SEGMENTS = 1 << SEGMENT_BITS;
    /** Longest stride; longer prefixes make their /48 {@link #DEFER}. */
    static final int DEEPEST = 48;
    static final int SHALLOWEST = 32;
    static final int STRIDE = 4;

    static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(long[].class);
    static final VarHandle SEGMENT = MethodHandles.arrayElementVarHandle(long[][].class);
    static final VarHandle CAPACITY = MethodHandles.arrayElementVarHandle(byte[].class);

    private Fast6() {
    }

    static long[][] empty() {
        return new long[SEGMENTS][];
    }

    /** Capacities of no segments: see {@link #lookup}. */
    static byte[] emptyCapacities() {
        return new byte[SEGMENTS];
    }

    /** Index of {@code group}'s segment in the directory and in the capacity array. */
    static int index(int group) {
        return group >>> (32 - SEGMENT_BITS);
    }

    /** What the capacity array holds for a segment: log2 of its capacity, 0 for none. */
    static byte capacityOf(long[] seg) {
        return (byte) (seg == null ? 0 : bitsOf(seg));
    }

    /** log2 of a segment's capacity (its length less the header slot). */
    static int bitsOf(long[] seg) {
        return Integer.numberOfTrailingZeros(seg.length - 1);
    }

    /** Stride of an original of length 33..48: the next multiple of 4. */
    static int strideOf(int len) {
        return (len + STRIDE - 1) & -STRIDE;
    }

    /** Code of the stride-{@code t} key of address half {@code hi}. */
    static long code(long hi, int t) {
        return ((hi >>> (64 - t)) << 1 | 1) << (DEEPEST - t);
    }

    /** The key word of the stride-{@code t} key of {@code hi}: {@code code(hi, t) << VALUE_BITS}. */
    static long key(long hi, int t) {
        return (hi & -1L << (64 - t)) | 1L << (63 - t);
    }

    /** Hash of the /32 that picks the segment: its top {@link #SEGMENT_BITS} bits. */
    static int group(long hi) {
        return (int) (((hi >>> 32) * 0x9E3779B97F4A7C15L) >>> 32);
    }

    /** Home slot (from 0) of the entry with {@code code} in a segment of capacity {@code 1 << bits}. */
    static int home(long code, int bits) {
        return homeOfKey(code << VALUE_BITS, bits);
    }

    /** Home slot of a {@link #key} word: its product's top {@code bits} (1..30) bits (independent of {@link #group}'s). */
    private static int homeOfKey(long key, int bits) {
        return (int) ((key * 0xC2B2AE3D27D4EB4FL) >>> -bits);
    }

    static long entry(long code, int value) {
        return code << VALUE_BITS | value;
    }

    static int valueOf(long entry) {
        return (int) entry & DEFER;
    }

    /** The segment of {@code group} ({@link #group} of an address half), or null. */
    static long[] segment(long[][] dir, int group) {
        return dir[index(group)];
    }

    /** The entry with key word {@code key}, given {@code first}, the entry at its home slot {@code i}. */
    private static long resolve(long[] seg, long key, long first, int i, int mask) {
        long e = first;
        while (e != FREE && (e ^ key) >>> VALUE_BITS != 0) {
            i = (i + 1) & mask;
            e = (long) ENTRY.getOpaque(seg, i + 1);
        }
        return e;
    }

    /**
     * Longest-match peer id (0: none), {@link #MISS} (ask the short trie) or {@link #DEFER} (ask
     * {@link Table6}). Reader hot path, one memory access deep: the slots are addressed with the
     * capacity from {@code caps} (a small array that stays in cache), not the segment's length, so
     * their reads need not wait for the segment's header line; a length that does not match (a
     * single change replacing the segment meanwhile) takes {@link #lookupSlow}. The five home
     * slots are read before any branch on what they hold: a branch on a missed load is often
     * mispredicted, and the reads after it would wait for it instead of overlapping (measured:
     * 2.5-4 M/s when each probe ran in turn).
     */
    static int lookup(long[][] dir, byte[] caps, long hi) {
        int i = index(group(hi));
        long[] seg = dir[i];
        if (seg == null) {
            return MISS;
        }
        int bits = caps[i];
        int mask = (1 << bits) - 1;
        if (seg.length != mask + 2) {
            return lookupSlow(seg, hi); // a return, not a select: the mask must not wait for the length
        }
        return probe(seg, bits, mask, hi);
    }

    /** {@link #lookup} of a segment whose capacity the array did not give. */
    private static int lookupSlow(long[] seg, long hi) {
        return probe(seg, bitsOf(seg), seg.length - 2, hi);
    }

    private static int probe(long[] seg, int bits, int mask, long hi) {
        long c48 = key(hi, 48);
        long c44 = key(hi, 44);
        long c40 = key(hi, 40);
        long c36 = key(hi, 36);
        long c32 = key(hi, 32);
        int i48 = homeOfKey(c48, bits);
        int i44 = homeOfKey(c44, bits);
        int i40 = homeOfKey(c40, bits);
        int i36 = homeOfKey(c36, bits);
        int i32 = homeOfKey(c32, bits);
        long f48 = (long) ENTRY.getOpaque(seg, i48 + 1);
        long f44 = (long) ENTRY.getOpaque(seg, i44 + 1);
        long f40 = (long) ENTRY.getOpaque(seg, i40 + 1);
        long f36 = (long) ENTRY.getOpaque(seg, i36 + 1);
        long f32 = (long) ENTRY.getOpaque(seg, i32 + 1);
        long e = resolve(seg, c48, f48, i48, mask);
        if (e == FREE) {
            e = resolve(seg, c44, f44, i44, mask);
            if (e == FREE) {
                e = resolve(seg, c40, f40, i40, mask);
                if (e == FREE) {
                    e = resolve(seg, c36, f36, i36, mask);
                    if (e == FREE) {
                        e = resolve(seg, c32, f32, i32, mask);
                    }
                }
            }
        }
        return e == FREE ? MISS : valueOf(e);
    }
}
