package dev.keyroute.wgcore.allowedips;

import java.util.Arrays;

/**
 * Fast path of a single {@code insert}/{@code remove} outside a batch: copies only the path from
 * the root to the prefix's home chunk, and repaints in the home chunk only the slot range the
 * prefix covers instead of all 256 slots (no drafts, no freeze).
 *
 * <p>In the home chunk, the range {@code [a, b)} of the prefix is painted with its new base value
 * (the inserted peer, or after a removal the longest shorter original covering the range, else
 * the inherited value), then the longer originals nested in the range are painted again in
 * ascending code order, exactly as a full repaint would leave those slots. Run starts outside
 * {@code [a, b]} cannot change; inside they are recomputed. The new chunk then replaces the old
 * one in its parent's run element in place, with one release store (a child is always a run of
 * its own, so the parent's runs keep their shape): a reader finds the old chunk or the new one,
 * each a whole state of the subtree, and nothing above is copied (until stop 13 each ancestor was
 * cloned: two 1 KB dense runs arrays for an IPv6 /32). A new root (the home chunk is the root) is
 * published with the snapshot. An insert under a slot without a child grows the
 * path: a new home chunk with just that prefix (and chunks with one child in between, when
 * several levels are missing) becomes a one-slot range of the last existing chunk.
 *
 * <p>A removal that leaves the home chunk with neither originals nor children drops it: the
 * parent's slot keeps its own run and takes the value the chunk inherited (runs need not be
 * maximal, see {@link Chunk}), and a parent left empty goes the same way.
 *
 * <p>Declines (returns null, the caller takes the draft path) when a removal's path does not
 * exist, when a child chunk in the range would have to be rebuilt for a new inherited value
 * (leaf-push repair), or when the root itself would vanish. Writer-only; scratch
 * arrays are reused.
 */
final class PathCopy {
    private static final Object NO_RUN = new Object();
    /** Result of a repaint that leaves the chunk with neither originals nor children. */
    private static final Object VANISHED = new Object();

    private final Chunk[] path = new Chunk[16];
    private final Object[] span = new Object[Chunk.SLOTS];
    private final long[] bits = new long[4];

    /**
     * New root after mapping {@code code} (homed at {@code level} on the key's path) to
     * {@code peer}, or removing it when {@code peer} is null; null if the fast path does not apply.
     * For a removal the code must be present.
     */
    Chunk apply(Chunk root, long hi, long lo, int level, int code, Object peer) {
        Chunk c = root;
        int depth = 0;
        for (; depth < level; depth++) {
            path[depth] = c;
            Chunk next = c.child(Keys.byteAt(hi, lo, depth));
            if (next == null) {
                break;
            }
            c = next;
        }
        Object fresh; // a chunk, VANISHED, or null (declined)
        if (depth < level) { // the path ends above the home level: an insert grows it
            if (peer == null) {
                Arrays.fill(path, 0, depth + 1, null);
                return null;
            }
            fresh = sprout(c, hi, lo, depth, level, code, peer);
        } else {
            fresh = repaint(c, code, peer);
        }
        for (int i = depth - 1; i >= 0; i--) {
            Chunk p = path[i];
            path[i] = null;
            if (fresh == null) {
                continue;
            }
            int s = Keys.byteAt(hi, lo, i);
            int at = p.runs.length == Chunk.SLOTS ? s : p.index(s);
            Object value = fresh;
            if (fresh == VANISHED) { // the slot keeps its own run with the value the child inherited
                if (p.codes.length == 0 && !Chunk.hasChild(p.runs, at)) {
                    continue; // this chunk goes too
                }
                value = ((Chunk) p.runs[at]).inherited;
            }
            Chunk.RUN.setRelease(p.runs, at, value); // in place: the rest of the path stays
            Arrays.fill(path, 0, depth + 1, null);
            return root;
        }
        path[depth] = null;
        return fresh == VANISHED ? null : (Chunk) fresh; // a vanishing root is left to the draft path
    }

    /**
     * {@code parent} (at {@code depth}, without a child on the key's path) with a new chain of
     * chunks down to the home level: the home chunk holds only the new prefix, the ones between
     * only the next chunk; all inherit the parent's value at that slot.
     */
    private Chunk sprout(Chunk parent, long hi, long lo, int depth, int level, int code, Object peer) {
        int s = Keys.byteAt(hi, lo, depth);
        Object inherited = parent.get(s);
        Chunk blank = new Chunk(1L, 0, 0, 0, new Object[] {inherited}, Chunk.NO_CODES, Chunk.NO_PEERS, inherited);
        int a = Keys.startOf(code);
        int w = 1 << (8 - Keys.bitsOf(code));
        Arrays.fill(span, 0, w, peer);
        Chunk chain = encode(blank, a, a + w, new char[] {(char) code}, new Object[] {peer});
        Arrays.fill(span, 0, w, null);
        for (int i = level - 1; i > depth; i--) {
            int k = Keys.byteAt(hi, lo, i);
            span[0] = chain;
            chain = encode(blank, k, k + 1, Chunk.NO_CODES, Chunk.NO_PEERS);
        }
        span[0] = chain;
        Chunk result = encode(parent, s, s + 1, parent.codes, parent.peers);
        span[0] = null;
        return result;
    }

    private Object repaint(Chunk c, int code, Object peer) {
        int l = Keys.bitsOf(code);
        int a = Keys.startOf(code);
        int w = 1 << (8 - l);
        int b = a + w;
        char[] codes = c.codes;
        Object[] peers = c.peers;
        int n = codes.length;
        int i = Chunk.find(codes, n, code);
        char[] nc;
        Object[] np;
        Object base;
        if (peer != null) {
            base = peer;
            if (i >= 0) {
                nc = codes;
                np = peers.clone();
                np[i] = peer;
            } else {
                int at = -(i + 1);
                nc = new char[n + 1];
                np = new Object[n + 1];
                System.arraycopy(codes, 0, nc, 0, at);
                System.arraycopy(peers, 0, np, 0, at);
                nc[at] = (char) code;
                np[at] = peer;
                System.arraycopy(codes, at, nc, at + 1, n - at);
                System.arraycopy(peers, at, np, at + 1, n - at);
            }
        } else {
            if (n == 1 && !Chunk.hasChild(c.runs, -1)) {
                return VANISHED;
            }
            nc = n == 1 ? Chunk.NO_CODES : new char[n - 1];
            np = n == 1 ? Chunk.NO_PEERS : new Object[n - 1];
            System.arraycopy(codes, 0, nc, 0, i);
            System.arraycopy(peers, 0, np, 0, i);
            System.arraycopy(codes, i + 1, nc, i, n - i - 1);
            System.arraycopy(peers, i + 1, np, i, n - i - 1);
            base = c.inherited;
            for (int j = 0; j < i; j++) { // shorter originals come first; the longest covering one wins
                int lj = Keys.bitsOf(codes[j]);
                if (lj < l && a >>> (8 - lj) == (codes[j] & ((1 << lj) - 1))) {
                    base = peers[j];
                }
            }
        }
        Object[] sp = span;
        Arrays.fill(sp, 0, w, base);
        for (int j = 0; j < nc.length; j++) { // nested longer originals, shorter first
            int cj = nc[j];
            if (Keys.bitsOf(cj) > l) {
                int sj = Keys.startOf(cj);
                if (sj >= a && sj < b) {
                    Arrays.fill(sp, sj - a, Keys.endOf(cj) - a, np[j]);
                }
            }
        }
        if (!keepChildren(c, a, b)) {
            Arrays.fill(sp, 0, w, null);
            return null;
        }
        Chunk result = encode(c, a, b, nc, np);
        Arrays.fill(sp, 0, w, null);
        return result;
    }

    /** Puts the children of {@code [a, b)} into the span; false if one needs a new inherited value. */
    private boolean keepChildren(Chunk c, int a, int b) {
        Object[] runs = c.runs;
        boolean dense = runs.length == Chunk.SLOTS;
        int idx = dense ? 0 : c.index(a);
        for (int s = a; s < b; s++) {
            if (!dense && s > a && c.runStarts(s)) {
                idx++;
            }
            if (runs[dense ? s : idx] instanceof Chunk child) {
                if (child.inherited != span[s - a]) {
                    return false;
                }
                span[s - a] = child;
            }
        }
        return true;
    }

    /** The chunk with slots {@code [a, b)} taken from the span, and new originals. */
    private Chunk encode(Chunk c, int a, int b, char[] nc, Object[] np) {
        Object[] sp = span;
        if (c.runs.length == Chunk.SLOTS) {
            Object[] runs = c.runs.clone();
            System.arraycopy(sp, 0, runs, a, b - a);
            return new Chunk(-1L, -1L, -1L, -1L, runs, nc, np, c.inherited);
        }
        long[] bt = bits;
        bt[0] = c.b0;
        bt[1] = c.b1;
        bt[2] = c.b2;
        bt[3] = c.b3;
        Object prev = a == 0 ? NO_RUN : c.get(a - 1);
        for (int s = a; s <= b && s < Chunk.SLOTS; s++) {
            Object cur = s < b ? sp[s - a] : c.get(b);
            long bit = 1L << (s & 63);
            if (cur != prev) {
                bt[s >>> 6] |= bit;
            } else {
                bt[s >>> 6] &= ~bit;
            }
            prev = cur;
        }
        int count = Long.bitCount(bt[0]) + Long.bitCount(bt[1]) + Long.bitCount(bt[2]) + Long.bitCount(bt[3]);
        Object[] runs;
        if (count > Chunk.DENSE_RUNS) {
            runs = new Object[Chunk.SLOTS];
            for (int s = 0; s < Chunk.SLOTS; s++) {
                runs[s] = s >= a && s < b ? sp[s - a] : c.get(s);
            }
            return new Chunk(-1L, -1L, -1L, -1L, runs, nc, np, c.inherited);
        }
        runs = new Object[count];
        int k = 0;
        for (int wi = 0; wi < 4; wi++) {
            long word = bt[wi];
            while (word != 0) {
                int s = wi << 6 | Long.numberOfTrailingZeros(word);
                word &= word - 1;
                runs[k++] = s >= a && s < b ? sp[s - a] : c.get(s);
            }
        }
        return new Chunk(bt[0], bt[1], bt[2], bt[3], runs, nc, np, c.inherited);
    }
}
