package dev.keyroute.wgcore.allowedips;

import java.util.Arrays;

/**
 * A 256-slot trie node for one address byte flattened into a single {@code int[]}, so that a
 * lookup reads one object. Values are ints: {@code 0} = no prefix, {@code > 0} = peer id,
 * {@link #CHILD} = a child node for the next byte (kept by the caller, per slot). Two slot
 * encodings share the header and the originals section:
 *
 * <pre>
 *  index      run-length (RL) format                   dense format (D16)
 *  0          ORIG: index of the originals section     same
 *  1          inherited value                          same
 *  2..9       run-start bitmap, word w = slots 32w..   2: 0 (an RL word 0 is always odd: slot 0
 *             (bit s &amp; 31 of word s &gt;&gt;&gt; 5)              starts a run)
 *  10, 11     runs before each word, one byte each     3..130: slot s in half (s &amp; 1) of int
 *  12..       one value per run                               3 + (s &gt;&gt;&gt; 1), 16-bit signed
 *  ORIG       n, the number of originals               same
 *  ORIG+1..n  originals: code &lt;&lt; 22 | peer id, ascending (code = (1 &lt;&lt; l) | first l bits
 *             of the byte, l = 1..8, so they sort by length first)
 * </pre>
 *
 * RL keeps sparse nodes small but costs a lookup two dependent cache misses once its values
 * spill past the bitmap's line; D16 costs one (the slot's line; the header line is fetched in
 * parallel), so nodes with more than {@link #DENSE_RUNS} runs whose values fit 16 bits are dense.
 * Nodes are immutable once built; writers build new ones.
 */
final class IntNode {
    static final int ORIG = 0;
    static final int INHERITED = 1;
    static final int BITMAP = 2;
    static final int CUM = 10;
    static final int VALUES = 12;
    static final int DENSE = 3;
    /** Where the originals of an {@link #originalsOnly} node start. */
    static final int ORIGINALS_ONLY = 2;
    /** Slot value of a slot whose answer lies in a child node. */
    static final int CHILD = -1;
    /** Codes run from 2 (/1 of the byte) to 511 (/8). */
    static final int CODES = 512;
    /** Nodes with more runs than this are dense when their values fit. */
    static final int DENSE_RUNS = 12;
    /** Peer ids are below this (22 bits, packed with a 9-bit code into one original). */
    static final int MAX_ID = 1 << 22;
    private static final int ID_MASK = MAX_ID - 1;

    private IntNode() {
    }

    /**
     * Value of slot {@code s}, for the IPv4 kids (fourth byte). {@link #get6} is the same code
     * for the IPv6 table: as separate methods each keeps its own branch profile in the JIT (when
     * IPv4 /16 blocks were dense nodes, one shared method measured IPv4 lookups at half speed
     * once IPv6 lookups ran in the same process).
     */
    static int get(int[] a, int s) {
        if ((a[BITMAP] & 1) == 0) { // dense: one read at a fixed offset
            return a[DENSE + (s >>> 1)] << ((~s & 1) << 4) >> 16;
        }
        int w = s >>> 5;
        int before = (a[CUM + (w >>> 2)] >>> ((w & 3) << 3)) & 0xff;
        return a[VALUES - 1 + before + Integer.bitCount(a[BITMAP + w] << (31 - (s & 31)))];
    }

    /** {@link #get} for the IPv6 table (own JIT profile). */
    static int get6(int[] a, int s) {
        if ((a[BITMAP] & 1) == 0) {
            return a[DENSE + (s >>> 1)] << ((~s & 1) << 4) >> 16;
        }
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
        return a[a[ORIG] + 1 + i] >>> 22;
    }

    static int id(int[] a, int i) {
        return a[a[ORIG] + 1 + i] & ID_MASK;
    }

    /** Peer id of the original with this code, or 0. */
    static int find(int[] a, int code) {
        int o = a[ORIG];
        return findPacked(a, o + 1, a[o], code);
    }

    /** Original {@code code << 22 | id} as stored in a node. */
    static int pack(int code, int id) {
        return code << 22 | id;
    }

    /** Copies the packed originals of {@code a} into {@code e}; returns their number. */
    static int extract(int[] a, int[] e) {
        int o = a[ORIG];
        int n = a[o];
        System.arraycopy(a, o + 1, e, 0, n);
        return n;
    }

    /** Id for {@code code} among the packed originals {@code e[from, from + n)} (ascending), or 0. */
    static int findPacked(int[] e, int from, int n, int code) {
        int i = searchPacked(e, from, n, code);
        return i >= 0 ? e[i] & ID_MASK : 0;
    }

    /** Index of {@code code} in packed originals {@code e[from, from + n)}, or -(insertion point + 1). */
    private static int searchPacked(int[] e, int from, int n, int code) {
        int lo = from;
        int hi = from + n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = e[mid] >>> 22;
            if (c < code) {
                lo = mid + 1;
            } else if (c > code) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }


    /** Code of the first {@code l} (1..8) bits of {@code b}. */
    static int codeOf(int b, int l) {
        return 1 << l | (b & 0xff) >>> (8 - l);
    }

    /** Fills {@code slots} from packed originals {@code e[0, n)} (ascending codes) over {@code inherited}. */
    static void paint(int[] e, int n, int inherited, int[] slots) {
        paintRange(e, n, inherited, 0, 256, slots);
    }

    /**
     * {@link #paint} of slots {@code [from, to)} only: each holds the id of the longest original
     * among {@code e[0, n)} covering it, else {@code inherited} (the others are left as they are).
     */
    static void paintRange(int[] e, int n, int inherited, int from, int to, int[] slots) {
        if (to - from == 1) { // one slot (a /24 change): the last original covering it is the longest (measured: -15-20 ns)
            int v = inherited;
            for (int i = 0; i < n; i++) {
                int c = e[i] >>> 22;
                if (Keys.startOf(c) <= from && Keys.endOf(c) > from) {
                    v = e[i] & ID_MASK;
                }
            }
            slots[from] = v;
            return;
        }
        Arrays.fill(slots, from, to, inherited);
        for (int i = 0; i < n; i++) { // ascending codes: shorter first, so longer ones overwrite
            int c = e[i] >>> 22;
            int start = Keys.startOf(c);
            int end = Keys.endOf(c);
            if (start < to && end > from) {
                Arrays.fill(slots, Math.max(start, from), Math.min(end, to), e[i] & ID_MASK);
            }
        }
    }

    /**
     * Encodes painted {@code slots} (CHILD marks included) and packed originals {@code e[0, n)}
     * into a new node.
     * One branch-free pass over the slots into {@code scratch} (at least 256 + 12 ints), then one
     * copy into an array of the exact size.
     */
    static int[] encode(int[] slots, int[] e, int n, int inherited, int[] scratch) {
        int r = 0;
        int prev = ~slots[0]; // slot 0 always starts a run
        int cum0 = 0;
        int cum1 = 0;
        int narrow = 0; // stays 0 while every value fits a signed 16-bit slot
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
                narrow |= (v << 16 >> 16) ^ v;
            }
            scratch[BITMAP + w] = bits;
        }
        int[] a;
        int orig;
        if (r > DENSE_RUNS && narrow == 0) {
            orig = DENSE + 128;
            a = new int[orig + 1 + n];
            for (int s = 0; s < 256; s += 2) {
                a[DENSE + (s >>> 1)] = (slots[s] & 0xffff) | slots[s + 1] << 16;
            }
        } else {
            orig = VALUES + r;
            a = new int[orig + 1 + n];
            System.arraycopy(scratch, BITMAP, a, BITMAP, orig - BITMAP);
            a[CUM] = cum0;
            a[CUM + 1] = cum1;
        }
        a[ORIG] = orig;
        a[INHERITED] = inherited;
        a[orig] = n;
        System.arraycopy(e, 0, a, orig + 1, n);
        return a;
    }

    /**
     * Inserts, replaces ({@code id > 0}) or removes ({@code id == 0}) {@code code} in the packed
     * originals {@code e[from, from + n)} (ascending); {@code e} must have room for one more.
     * Returns the new count.
     */
    static int edit(int[] e, int from, int n, int code, int id) {
        int i = searchPacked(e, from, n, code);
        int end = from + n;
        if (i >= 0) {
            if (id != 0) {
                e[i] = pack(code, id);
                return n;
            }
            System.arraycopy(e, i + 1, e, i, end - i - 1);
            return n - 1;
        }
        if (id == 0) {
            return n;
        }
        int at = -i - 1;
        System.arraycopy(e, at, e, at + 1, end - at);
        e[at] = pack(code, id);
        return n + 1;
    }

    /**
     * A node holding only originals {@code e[0, n)}, for the IPv4 /16 blocks (their slots live in
     * {@link Table4#slots}): the header says the originals start at index {@value #ORIGINALS_ONLY}.
     * {@link #find}, {@link #extract}, {@link #code} and {@link #id} work on it; {@link #get} must
     * not be called.
     */
    static int[] originalsOnly(int[] e, int n) {
        int[] a = new int[ORIGINALS_ONLY + 1 + n];
        a[ORIG] = ORIGINALS_ONLY;
        a[ORIGINALS_ONLY] = n;
        System.arraycopy(e, 0, a, ORIGINALS_ONLY + 1, n);
        return a;
    }

    /** Drops the packed originals of peer {@code id} from {@code e[0, n)} (order kept); returns the new count. */
    static int removeId(int[] e, int n, int id) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            if ((e[i] & ID_MASK) != id) {
                e[k++] = e[i];
            }
        }
        return k;
    }
}
