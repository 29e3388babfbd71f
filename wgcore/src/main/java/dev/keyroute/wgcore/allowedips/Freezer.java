package dev.keyroute.wgcore.allowedips;

import java.util.Arrays;

/**
 * Turns a transaction's drafts into immutable {@link Chunk}s, bottom-up, at commit.
 *
 * <p>Fast path: a draft whose originals did not change and whose inherited value is the base's
 * only swaps child references in a clone of the base's runs (a /24 insert copies the root and
 * the /8 chunk this way and rebuilds only the /16 chunk). Otherwise the chunk is rebuilt: the 256
 * slot values are painted from the inherited value and the originals in ascending length order
 * (prefix expansion; a longer prefix overwrites a shorter one), every child is frozen with the
 * value of its slot as its inherited value (leaf pushing; an unchanged child whose inherited value
 * changed is rebuilt, recursively), and the slots are run-length encoded. A chunk left with no
 * originals and no children disappears (null).
 *
 * <p>Writer-only; the scratch arrays are per level, so the recursion into children never
 * overwrites a parent's.
 */
final class Freezer {
    private static final int LEVELS = 17;
    private static final Object NO_RUN = new Object();

    private final Object[][] values = new Object[LEVELS][Chunk.SLOTS];
    private final Object[][] cells = new Object[LEVELS][Chunk.SLOTS];
    private final Object[][] runBufs = new Object[LEVELS][Chunk.SLOTS];

    /** Freezes the draft {@code d} at {@code level} whose parent slot value is {@code inherited}. */
    Chunk freeze(Draft d, Object inherited, int level) {
        if (d.frozen && d.frozenInherited == inherited) {
            return d.frozenResult;
        }
        Chunk result = null;
        Chunk b = d.base;
        if (b != null && !d.originsChanged && b.inherited == inherited) {
            result = swapChildren(d, b, level);
        }
        if (result == null) {
            result = build(d.codes, d.peers, d.n, d.originsChanged, inherited, b, d, level);
        }
        d.frozen = true;
        d.frozenInherited = inherited;
        d.frozenResult = result;
        return result;
    }

    /**
     * Base with the touched children replaced; null if the run structure must change (a new
     * child) or the chunk is left with neither originals nor children. A vanished child's slot
     * keeps its own run and takes the value the child inherited, which is the slot's value: the
     * encoding stays valid without merging that run with equal neighbours (a later rebuild of the
     * chunk does), so removing the last prefix under a slot costs no rebuild of the parent.
     */
    private Chunk swapChildren(Draft d, Chunk b, int level) {
        Object[] runs = null;
        boolean vanished = false;
        for (int w = 0; w < 4; w++) {
            long word = d.touchedWord(w);
            while (word != 0) {
                int s = w << 6 | Long.numberOfTrailingZeros(word);
                word &= word - 1;
                Chunk old = b.child(s);
                if (old == null) {
                    return null; // a new child splits a run
                }
                Chunk fresh = freeze(d.kids[s], old.inherited, level + 1);
                if (fresh != old) {
                    if (runs == null) {
                        runs = b.runs.clone();
                    }
                    runs[b.runs.length == Chunk.SLOTS ? s : b.index(s)] = fresh == null ? old.inherited : fresh;
                    vanished |= fresh == null;
                }
            }
        }
        if (vanished && b.codes.length == 0 && !Chunk.hasChild(runs, -1)) {
            return null;
        }
        return runs == null ? b : b.withRuns(runs);
    }

    /** Rebuilds an unchanged chunk for a new inherited value. */
    private Chunk rebuild(Chunk c, Object inherited, int level) {
        return build(c.codes, c.peers, c.codes.length, false, inherited, c, null, level);
    }

    /**
     * Paints, freezes the children and run-length encodes in one pass over the slots. Children
     * come from {@code base} (its immutable chunks) overridden by the draft's touched slots.
     */
    private Chunk build(char[] codes, Object[] peers, int n, boolean copyOrigins, Object inherited,
                        Chunk base, Draft d, int level) {
        if (isLeaf(base, d)) {
            return buildLeaf(codes, peers, n, copyOrigins, inherited, level);
        }
        Object[] val = values[level];
        Object[] cell = cells[level];
        Object[] runBuf = runBufs[level];
        Arrays.fill(val, inherited);
        for (int i = 0; i < n; i++) { // codes ascend, so shorter prefixes are painted first
            Arrays.fill(val, Keys.startOf(codes[i]), Keys.endOf(codes[i]), peers[i]);
        }
        Object[] baseRuns = base == null ? null : base.runs;
        boolean baseDense = baseRuns != null && baseRuns.length == Chunk.SLOTS;
        long[] bits = new long[4];
        boolean any = n > 0;
        int count = 0;
        int idx = -1;
        Object prev = NO_RUN;
        for (int w = 0; w < 4; w++) {
            long starts = baseRuns == null ? 0 : w == 0 ? base.b0 : w == 1 ? base.b1 : w == 2 ? base.b2 : base.b3;
            long touched = d == null ? 0 : d.touchedWord(w);
            long runBits = 0;
            for (int i = 0; i < 64; i++) {
                int s = w << 6 | i;
                Object c = null;
                if (baseRuns != null) {
                    idx += (int) (starts >>> i) & 1;
                    c = baseRuns[baseDense ? s : idx];
                }
                if ((touched >>> i & 1) != 0) {
                    c = d.kids[s];
                }
                Object e = val[s];
                if (c instanceof Draft kd) {
                    Chunk k = freeze(kd, e, level + 1);
                    if (k != null) {
                        e = k;
                        any = true;
                    }
                } else if (c instanceof Chunk kc) {
                    e = kc.inherited == e ? kc : rebuild(kc, e, level + 1);
                    any = true; // a rebuilt chunk keeps its originals or children, so never null
                }
                cell[s] = e;
                if (e != prev) {
                    runBits |= 1L << i;
                    runBuf[count++] = e;
                    prev = e;
                }
            }
            bits[w] = runBits;
        }
        Chunk result = any ? encode(cell, runBuf, bits, count, codes, peers, n, copyOrigins, inherited) : null;
        Arrays.fill(val, null);
        Arrays.fill(cell, null);
        Arrays.fill(runBuf, 0, count, null);
        return result;
    }

    /** Whether the chunk being built has no children: none in the base, none drafted. */
    private static boolean isLeaf(Chunk base, Draft d) {
        if (d != null && (d.t0 | d.t1 | d.t2 | d.t3) != 0) {
            return false;
        }
        return base == null || !Chunk.hasChild(base.runs, -1);
    }

    /**
     * {@link #build} for a chunk without children (most chunks of a real table): paints and
     * run-length encodes in tight loops with no per-slot child checks.
     */
    private Chunk buildLeaf(char[] codes, Object[] peers, int n, boolean copyOrigins, Object inherited, int level) {
        if (n == 0) {
            return null;
        }
        Object[] val = values[level];
        Object[] runBuf = runBufs[level];
        Arrays.fill(val, inherited);
        for (int i = 0; i < n; i++) {
            Arrays.fill(val, Keys.startOf(codes[i]), Keys.endOf(codes[i]), peers[i]);
        }
        long[] bits = new long[4];
        int count = 0;
        Object prev = NO_RUN;
        for (int s = 0; s < Chunk.SLOTS; s++) {
            Object e = val[s];
            if (e != prev) {
                bits[s >>> 6] |= 1L << (s & 63);
                runBuf[count++] = e;
                prev = e;
            }
        }
        Chunk result = encode(val, runBuf, bits, count, codes, peers, n, copyOrigins, inherited);
        Arrays.fill(val, null);
        Arrays.fill(runBuf, 0, count, null);
        return result;
    }

    private static Chunk encode(Object[] cell, Object[] runBuf, long[] bits, int count, char[] codes, Object[] peers, int n,
                         boolean copyOrigins, Object inherited) {
        Object[] runs;
        if (count > Chunk.DENSE_RUNS) {
            runs = cell.clone();
            Arrays.fill(bits, -1L);
        } else {
            runs = Arrays.copyOf(runBuf, count);
        }
        char[] c = codes;
        Object[] p = peers;
        if (copyOrigins) {
            c = n == 0 ? Chunk.NO_CODES : Arrays.copyOf(codes, n);
            p = n == 0 ? Chunk.NO_PEERS : Arrays.copyOf(peers, n);
        }
        return new Chunk(bits[0], bits[1], bits[2], bits[3], runs, c, p, inherited);
    }
}
