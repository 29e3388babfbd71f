package dev.keyroute.wgcore.allowedips;

import java.util.Arrays;

/**
 * A 256-slot trie node for one address byte flattened into a single {@code int[]}, so that a
 * lookup reads one object: its header, bitmap and run counts share the first cache line and the
 * value is at most a line or two further on. Values are ints: {@code 0} = no prefix, {@code > 0}
 * = peer id, {@link #CHILD} = a child node for the next byte (kept by the caller, per slot).
 *
 * <pre>
 *  index      content
 *  0          ORIG: index of the originals section
 *  1          inherited value (painted where no original covers a slot)
 *  2..9       run-start bitmap: bit (s &amp; 31) of word (s &gt;&gt;&gt; 5) is set where a run starts
 *  10, 11     runs before each bitmap word, one byte per word (words 0-3 in 10, 4-7 in 11)
 *  12..       one value per run (slot s: values[rank(s) - 1])
 *  ORIG       n, the number of originals (exact prefixes homed in this node)
 *  ORIG+1..   their codes, ascending: (1 &lt;&lt; l) | first l bits of the byte, l = 1..8
 *  ORIG+1+n.. their peer ids
 * </pre>
 *
 * Codes sort by length first, so painting originals in code order leaves the longest covering
 * prefix in each slot. Nodes are immutable once built; writers build new ones.
 */
final class IntNode {
    static final int ORIG = 0;
    static final int INHERITED = 1;
    static final int BITMAP = 2;
    static final int CUM = 10;
    static final int VALUES = 12;
    /** Slot value of a slot whose answer lies in a child node. */
    static final int CHILD = -1;
    /** Codes run from 2 (/1 of the byte) to 511 (/8). */
    static final int CODES = 512;

    private IntNode() {
    }

    /** Value of slot {@code s}. Reader hot path: two bitmap-area reads and one value read. */
    static int get(int[] a, int s) {
        int w = s >>> 5;
        int before = (a[CUM + (w >>> 2)] >>> ((w & 3) << 3)) & 0xff;
        return a[VALUES - 1 + before + Integer.bitCount(a[BITMAP + w] << (31 - (s & 31)))];
    }

    static int inherited(int[] a) {
        return a[INHERITED];
    }

    static int originals(int[] a) {
        return a[a[ORIG]];
    }

    static int code(int[] a, int i) {
        return a[a[ORIG] + 1 + i];
    }

    static int id(int[] a, int i) {
        int o = a[ORIG];
        return a[o + 1 + a[o] + i];
    }

    /** Peer id of the original with this code, or 0. */
    static int find(int[] a, int code) {
        int o = a[ORIG];
        int n = a[o];
        int i = Arrays.binarySearch(a, o + 1, o + 1 + n, code);
        return i >= 0 ? a[i + n] : 0;
    }

    /** Number of significant bits {@code l} of a code. */
    static int bitsOf(int code) {
        return 31 - Integer.numberOfLeadingZeros(code);
    }

    /** First slot covered by a code. */
    static int startOf(int code) {
        int l = bitsOf(code);
        return (code & ((1 << l) - 1)) << (8 - l);
    }

    /** Code of the first {@code l} (1..8) bits of {@code b}. */
    static int codeOf(int b, int l) {
        return 1 << l | (b & 0xff) >>> (8 - l);
    }

    /** Fills {@code slots} from originals {@code codes/ids[0, n)} (ascending codes) over {@code inherited}. */
    static void paint(int[] codes, int[] ids, int n, int inherited, int[] slots) {
        Arrays.fill(slots, 0, 256, inherited);
        for (int i = 0; i < n; i++) {
            int c = codes[i];
            int l = bitsOf(c);
            int start = (c & ((1 << l) - 1)) << (8 - l);
            Arrays.fill(slots, start, start + (1 << (8 - l)), ids[i]);
        }
    }

    /** Copies the originals of {@code a} into {@code codes/ids}; returns their number. */
    static int extract(int[] a, int[] codes, int[] ids) {
        int o = a[ORIG];
        int n = a[o];
        System.arraycopy(a, o + 1, codes, 0, n);
        System.arraycopy(a, o + 1 + n, ids, 0, n);
        return n;
    }

    /**
     * Encodes painted {@code slots} (CHILD marks included) and the originals into a new node.
     * One branch-free pass over the slots into {@code scratch} (at least 256 + 12 ints), then one
     * copy into an array of the exact size.
     */
    static int[] encode(int[] slots, int[] codes, int[] ids, int n, int inherited, int[] scratch) {
        int r = 0;
        int prev = ~slots[0]; // slot 0 always starts a run
        int cum0 = 0;
        int cum1 = 0;
        for (int w = 0; w < 8; w++) {
            if (w < 4) {
                cum0 |= r << (w << 3);
            } else {
                cum1 |= r << ((w - 4) << 3);
            }
            int bits = 0;
            int base = w << 5;
            for (int b = 0; b < 32; b++) {
                int v = slots[base + b];
                int start = v != prev ? 1 : 0;
                bits |= start << b;
                scratch[VALUES + r] = v;
                r += start;
                prev = v;
            }
            scratch[BITMAP + w] = bits;
        }
        int orig = VALUES + r;
        int[] a = new int[orig + 1 + 2 * n];
        System.arraycopy(scratch, BITMAP, a, BITMAP, orig - BITMAP);
        a[ORIG] = orig;
        a[INHERITED] = inherited;
        a[CUM] = cum0;
        a[CUM + 1] = cum1;
        a[orig] = n;
        System.arraycopy(codes, 0, a, orig + 1, n);
        System.arraycopy(ids, 0, a, orig + 1 + n, n);
        return a;
    }

    /**
     * Inserts, replaces ({@code id > 0}) or removes ({@code id == 0}) {@code code} in the sorted
     * originals {@code codes/ids[0, n)}; returns the new count.
     */
    static int edit(int[] codes, int[] ids, int n, int code, int id) {
        int i = Arrays.binarySearch(codes, 0, n, code);
        if (i >= 0) {
            if (id != 0) {
                ids[i] = id;
                return n;
            }
            System.arraycopy(codes, i + 1, codes, i, n - i - 1);
            System.arraycopy(ids, i + 1, ids, i, n - i - 1);
            return n - 1;
        }
        if (id == 0) {
            return n;
        }
        int at = -i - 1;
        System.arraycopy(codes, at, codes, at + 1, n - at);
        System.arraycopy(ids, at, ids, at + 1, n - at);
        codes[at] = code;
        ids[at] = id;
        return n + 1;
    }
}
