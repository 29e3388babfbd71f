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
 * <p>Writer-only; the scratch arrays are per level, so recursion never shares them.
 */
final class Freezer {
    private static final int LEVELS = 17;
    /** Chunks with more runs than this are stored dense (256 elements, direct index). */
    private static final int DENSE_RUNS = 64;
    private static final Object NO_RUN = new Object();

    private final Object[][] values = new Object[LEVELS][Chunk.SLOTS];
    private final Object[][] cells = new Object[LEVELS][Chunk.SLOTS];
    private final Object[] runBuf = new Object[Chunk.SLOTS];

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

    /** Base with the touched children replaced; null if the run structure must change. */
    private Chunk swapChildren(Draft d, Chunk b, int level) {
        Object[] runs = null;
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
                if (fresh == null) {
                    return null; // the child vanished; its run merges with its neighbours
                }
                if (fresh != old) {
                    if (runs == null) {
                        runs = b.runs.clone();
                    }
                    runs[b.runs.length == Chunk.SLOTS ? s : b.index(s)] = fresh;
                }
            }
        }
        return runs == null ? b : b.withRuns(runs);
    }

    /** Rebuilds an unchanged chunk for a new inherited value. */
    private Chunk rebuild(Chunk c, Object inherited, int level) {
        return build(c.codes, c.peers, c.codes.length, false, inherited, c, null, level);
    }

    private Chunk build(char[] codes, Object[] peers, int n, boolean copyOrigins, Object inherited,
                        Chunk base, Draft d, int level) {
        Object[] val = values[level];
        Object[] cell = cells[level];
        Arrays.fill(val, inherited);
        for (int i = 0; i < n; i++) { // codes ascend, so shorter prefixes are painted first
            int start = Chunk.startOf(codes[i]);
            Arrays.fill(val, start, start + (1 << (8 - Chunk.bitsOf(codes[i]))), peers[i]);
        }
        if (base != null) {
            Object[] r = base.runs;
            for (int s = 0, idx = -1; s < Chunk.SLOTS; s++) {
                if (base.runStarts(s)) {
                    idx++;
                }
                cell[s] = r[idx] instanceof Chunk c ? c : null;
            }
        }
        if (d != null) {
            for (int w = 0; w < 4; w++) {
                long word = d.touchedWord(w);
                while (word != 0) {
                    int s = w << 6 | Long.numberOfTrailingZeros(word);
                    word &= word - 1;
                    cell[s] = d.kids[s];
                }
            }
        }
        boolean any = n > 0;
        for (int s = 0; s < Chunk.SLOTS; s++) {
            Object c = cell[s];
            Chunk k = null;
            if (c instanceof Draft kd) {
                k = freeze(kd, val[s], level + 1);
            } else if (c instanceof Chunk kc) {
                k = kc.inherited == val[s] ? kc : rebuild(kc, val[s], level + 1);
            }
            if (k != null) {
                cell[s] = k;
                any = true;
            } else {
                cell[s] = val[s];
            }
        }
        Chunk result = any ? encode(cell, codes, peers, n, copyOrigins, inherited) : null;
        Arrays.fill(val, null);
        Arrays.fill(cell, null);
        return result;
    }

    private Chunk encode(Object[] cell, char[] codes, Object[] peers, int n, boolean copyOrigins, Object inherited) {
        long[] bits = new long[4];
        int count = 0;
        Object prev = NO_RUN;
        for (int s = 0; s < Chunk.SLOTS; s++) {
            Object c = cell[s];
            if (c != prev) {
                bits[s >>> 6] |= 1L << (s & 63);
                runBuf[count++] = c;
                prev = c;
            }
        }
        Object[] runs;
        if (count > DENSE_RUNS) {
            runs = cell.clone();
            Arrays.fill(bits, -1L);
        } else {
            runs = Arrays.copyOf(runBuf, count);
        }
        Arrays.fill(runBuf, 0, count, null);
        char[] c = codes;
        Object[] p = peers;
        if (copyOrigins) {
            c = n == 0 ? Chunk.NO_CODES : Arrays.copyOf(codes, n);
            p = n == 0 ? Chunk.NO_PEERS : Arrays.copyOf(peers, n);
        }
        return new Chunk(bits[0], bits[1], bits[2], bits[3], runs, c, p, inherited);
    }
}
