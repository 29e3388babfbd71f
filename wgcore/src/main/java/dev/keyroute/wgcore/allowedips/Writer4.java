package dev.keyroute.wgcore.allowedips;

import java.util.Arrays;

/**
 * Writer side of the IPv4 table ({@code Inner4[256]}, see {@link Inner4}) for prefixes longer
 * than /16; covers for the shorter ones are set by {@link #refreshCovers}. Writer-only, reused
 * between transactions.
 *
 * <p>A single change outside a batch rebuilds just the one node it touches (paint 256 slots,
 * run-encode) and copies the path: the inner's node (or kid) array and the top array, 2 KB.
 * Changes inside a batch edit a {@link Block4Draft} per /16 instead, and {@link #finish} builds
 * each touched block once. Nodes are never changed after they are built, inners and the top
 * only while owned by the running transaction (not yet published). An inner that becomes empty
 * is dropped at the end of a batch; single changes leave it (at most 256 of them exist).
 */
final class Writer4 {
    private final int[] slots = new int[256];
    private final int[] scratch = new int[IntNode.VALUES + 257];
    private final int[] kslots = new int[256];
    private final int[] codes = new int[IntNode.CODES];
    private final int[] ids = new int[IntNode.CODES];
    private final int[] kcodes = new int[IntNode.CODES];
    private final int[] kids = new int[IntNode.CODES];
    private final Block4Draft[] drafts = new Block4Draft[1 << 16];
    private int[] dirty = new int[64];
    private int dirtyCount;
    private long serial;
    private Inner4[] top;
    private boolean topOwned;

    static Inner4[] emptyTop() {
        return new Inner4[256];
    }

    void begin(Inner4[] published) {
        discardDrafts(); // left over by a batch that threw
        serial++;
        top = published;
        topOwned = false;
    }

    /** Working table after {@link #finish}; the published one if nothing changed. */
    Inner4[] top() {
        return top;
    }

    void clear() {
        discardDrafts();
        top = emptyTop();
        topOwned = true;
    }

    private void discardDrafts() {
        for (int i = 0; i < dirtyCount; i++) {
            drafts[dirty[i]] = null;
        }
        dirtyCount = 0;
    }

    // ---- reads ----------------------------------------------------------------------------

    /** Exact-match peer id of {@code addr/len} (17..32) in a table, or 0. Lock-free on a published table. */
    static int find(Inner4[] top, int addr, int len) {
        Inner4 in = top[addr >>> 24];
        if (in == null) {
            return 0;
        }
        int b = (addr >>> 16) & 0xff;
        if (len <= 24) {
            int[] node = in.nodes[b];
            return node == null ? 0 : IntNode.find(node, IntNode.codeOf(addr >>> 8, len - 16));
        }
        int[][] kt = in.kids[b];
        int[] kid = kt == null ? null : kt[(addr >>> 8) & 0xff];
        return kid == null ? 0 : IntNode.find(kid, IntNode.codeOf(addr, len - 24));
    }

    /** Exact-match peer id in the working state (drafts included). */
    int get(int addr, int len) {
        Block4Draft d = drafts[addr >>> 16];
        if (d == null) {
            return find(top, addr, len);
        }
        return len <= 24 ? d.get(-1, IntNode.codeOf(addr >>> 8, len - 16))
                : d.get((addr >>> 8) & 0xff, IntNode.codeOf(addr, len - 24));
    }

    // ---- changes --------------------------------------------------------------------------

    /**
     * Maps {@code addr/len} (17..32) to peer {@code id}, or removes it when {@code id == 0}.
     * {@code single}: the only change of the transaction, applied by path copy; otherwise drafted.
     */
    void set(int addr, int len, int id, boolean single) {
        if (!single) {
            Block4Draft d = draft(addr >>> 16);
            if (len <= 24) {
                d.set(-1, IntNode.codeOf(addr >>> 8, len - 16), id);
            } else {
                d.set((addr >>> 8) & 0xff, IntNode.codeOf(addr, len - 24), id);
            }
            return;
        }
        int o = addr >>> 24;
        int b = (addr >>> 16) & 0xff;
        Inner4 in = writable(o);
        int[] node = in.nodes[b];
        int[][] kt = in.kids[b];
        if (len <= 24) {
            int n = node == null ? 0 : IntNode.extract(node, codes, ids);
            n = IntNode.edit(codes, ids, n, IntNode.codeOf(addr >>> 8, len - 16), id);
            setNode(in, b, n, kt);
        } else {
            int s = (addr >>> 8) & 0xff;
            int[] kid = kt == null ? null : kt[s];
            int inherited = kid != null ? IntNode.inherited(kid) : node == null ? 0 : IntNode.get(node, s);
            int m = kid == null ? 0 : IntNode.extract(kid, kcodes, kids);
            m = IntNode.edit(kcodes, kids, m, IntNode.codeOf(addr, len - 24), id);
            int[] fresh = m == 0 ? null : buildKid(kcodes, kids, m, inherited);
            int[][] nkt = kt == null ? new int[256][] : kt.clone();
            nkt[s] = fresh;
            if (fresh == null && allNull(nkt)) {
                nkt = null;
            }
            in.writableKids()[b] = nkt;
            if ((kid == null) != (fresh == null)) { // the node's CHILD mark appears or goes
                int n = node == null ? 0 : IntNode.extract(node, codes, ids);
                setNode(in, b, n, nkt);
            }
        }
    }

    /**
     * Builds the node of /16 {@code b} of {@code in} from originals {@code codes/ids[0, n)} and
     * kid table {@code kt}, rebuilding kids whose inherited value changed.
     */
    private void setNode(Inner4 in, int b, int n, int[][] kt) {
        IntNode.paint(codes, ids, n, 0, slots);
        boolean anyKid = false;
        if (kt != null) {
            int[][] nkt = kt;
            for (int s = 0; s < 256; s++) {
                int[] k = kt[s];
                if (k == null) {
                    continue;
                }
                anyKid = true;
                if (IntNode.inherited(k) != slots[s]) {
                    if (nkt == kt) {
                        nkt = kt.clone();
                    }
                    int m = IntNode.extract(k, kcodes, kids);
                    nkt[s] = buildKid(kcodes, kids, m, slots[s]);
                }
                slots[s] = IntNode.CHILD;
            }
            if (nkt != kt) {
                in.writableKids()[b] = nkt;
            }
        }
        int[] node = n == 0 && !anyKid ? null : IntNode.encode(slots, codes, ids, n, 0, scratch);
        if (in.nodes[b] != node) {
            in.writableNodes()[b] = node;
        }
    }

    private int[] buildKid(int[] c, int[] v, int m, int inherited) {
        IntNode.paint(c, v, m, inherited, kslots);
        return IntNode.encode(kslots, c, v, m, inherited, scratch);
    }

    private static boolean allNull(int[][] a) {
        for (int[] x : a) {
            if (x != null) {
                return false;
            }
        }
        return true;
    }

    private Block4Draft draft(int b16) {
        Block4Draft d = drafts[b16];
        if (d == null) {
            Inner4 in = top[b16 >>> 8];
            int b = b16 & 0xff;
            d = in == null ? new Block4Draft(null, null) : new Block4Draft(in.nodes[b], in.kids[b]);
            drafts[b16] = d;
            if (dirtyCount == dirty.length) {
                dirty = Arrays.copyOf(dirty, dirtyCount * 2);
            }
            dirty[dirtyCount++] = b16;
        }
        return d;
    }

    /** Builds every drafted block (once each) into owned inners. */
    void finish() {
        for (int i = 0; i < dirtyCount; i++) {
            int b16 = dirty[i];
            Block4Draft d = drafts[b16];
            drafts[b16] = null;
            Inner4 in = writable(b16 >>> 8);
            int b = b16 & 0xff;
            IntNode.paint(d.codes, d.ids, d.n, 0, slots);
            int[][] kt = null;
            if (d.kidCodes != null) {
                for (int s = 0; s < 256; s++) {
                    int m = d.kidN[s];
                    if (m > 0) {
                        if (kt == null) {
                            kt = new int[256][];
                        }
                        kt[s] = buildKid(d.kidCodes[s], d.kidIds[s], m, slots[s]);
                        slots[s] = IntNode.CHILD;
                    }
                }
            }
            if (in.kids[b] != kt) {
                in.writableKids()[b] = kt;
            }
            int[] node = d.n == 0 && kt == null ? null : IntNode.encode(slots, d.codes, d.ids, d.n, 0, scratch);
            if (in.nodes[b] != node) {
                in.writableNodes()[b] = node;
            }
        }
        dirtyCount = 0;
        if (topOwned) {
            for (int o = 0; o < 256; o++) {
                dropIfEmpty(o);
            }
        }
    }

    /**
     * Sets the covers of /16 blocks {@code [from, to)} to {@code coverIds[b16 - from]}
     * (peer ids of the longest prefix /0../16 covering each block, 0 for none).
     */
    void setCovers(int from, int to, int[] coverIds) {
        for (int b16 = from; b16 < to; b16++) {
            int id = coverIds[b16 - from];
            int o = b16 >>> 8;
            int b = b16 & 0xff;
            Inner4 in = top[o];
            int current = in == null ? 0 : in.covers[b];
            if (current != id) {
                writable(o).writableCovers()[b] = id;
            }
        }
    }

    /** The inner of /8 {@code o}, owned by this transaction (copied or created on first use). */
    private Inner4 writable(int o) {
        Inner4 in = top[o];
        if (in != null && in.owner == serial) {
            return in;
        }
        if (!topOwned) {
            top = top.clone();
            topOwned = true;
        }
        in = in == null ? Inner4.empty(serial) : in.copy(serial);
        top[o] = in;
        return in;
    }

    private void dropIfEmpty(int o) {
        Inner4 in = top[o];
        if (in != null && in.owner == serial && in.isEmpty()) {
            top[o] = null;
        }
    }

    // ---- walk -----------------------------------------------------------------------------

    /** Receives one IPv4 prefix (network address as an int) and its peer id. */
    interface Visitor {
        void accept(int addr, int len, int id);
    }

    /** Visits the prefixes /17../32 of a table in address order, shorter first. */
    static void walk(Inner4[] top, Visitor v) {
        for (int o = 0; o < 256; o++) {
            Inner4 in = top[o];
            if (in == null) {
                continue;
            }
            for (int b = 0; b < 256; b++) {
                int[] node = in.nodes[b];
                if (node != null) {
                    walkNode(node, o << 24 | b << 16, 16, 8, in.kids[b], v);
                }
            }
        }
    }

    private static void walkNode(int[] node, int base, int baseLen, int shift, int[][] kt, Visitor v) {
        int n = IntNode.originals(node);
        int[] order = new int[n]; // start slot << 13 | l << 9 | index: sorts by (start, length)
        for (int i = 0; i < n; i++) {
            int code = IntNode.code(node, i);
            order[i] = IntNode.startOf(code) << 13 | IntNode.bitsOf(code) << 9 | i;
        }
        Arrays.sort(order);
        int next = 0;
        for (int s = 0; s < 256; s++) {
            while (next < n && order[next] >>> 13 == s) {
                int i = order[next++] & 511;
                v.accept(base | s << shift, baseLen + IntNode.bitsOf(IntNode.code(node, i)), IntNode.id(node, i));
            }
            if (kt != null && kt[s] != null) {
                walkNode(kt[s], base | s << 8, 24, 0, null, v);
            }
        }
    }
}
