package dev.keyroute.wgcore.allowedips;

import java.util.Arrays;

/**
 * Writer side of the flat IPv4 table ({@link Table4}) for prefixes longer than /16; the covers
 * of the shorter ones are set through {@link #setCovers}. Writer-only, reused between
 * transactions.
 *
 * <p>A single change outside a batch rebuilds just the one node it touches (a dense node without
 * kids is copied with only the changed slot range repainted; otherwise paint 256 slots and
 * encode) and copies the path: the /8's node (or kid) array and the top array, 2 KB.
 * Changes inside a batch edit a {@link Block4Draft} per /16 instead, and {@link #finish} builds
 * each touched block once. Nodes are never changed after they are built; the per-/8 arrays and
 * the top arrays only while owned by the running transaction (copied in it, not yet published;
 * ownership is a per-/8 stamp of the transaction's serial).
 */
final class Writer4 {
    private final int[] slots = new int[256];
    private final int[] scratch = new int[IntNode.VALUES + 257];
    private final int[] kslots = new int[256];
    /** Packed originals of the node (and of a kid) being rebuilt. */
    private final int[] orig = new int[IntNode.CODES + 1];
    private final int[] korig = new int[IntNode.CODES + 1];
    private final Block4Draft[] drafts = new Block4Draft[1 << 16];
    private int[] dirty = new int[64];
    private int dirtyCount;
    private long serial;
    private final long[] coversStamp = new long[256];
    private final long[] nodesStamp = new long[256];
    private final long[] kidsStamp = new long[256];
    private int[][] covers;
    private int[][][] nodes;
    private int[][][][] kids4;
    private boolean coversTopOwned;
    private boolean nodesTopOwned;
    private boolean kidsTopOwned;

    void begin(Table4 published) {
        discardDrafts(); // left over by a batch that threw
        serial++;
        covers = published.covers();
        nodes = published.nodes();
        kids4 = published.kids();
        coversTopOwned = false;
        nodesTopOwned = false;
        kidsTopOwned = false;
    }

    /** Working table (after {@link #finish}: the one to publish). */
    Table4 table() {
        return new Table4(covers, nodes, kids4);
    }

    void clear() {
        discardDrafts();
        Table4 t = Table4.empty();
        covers = t.covers();
        nodes = t.nodes();
        kids4 = t.kids();
        coversTopOwned = true;
        nodesTopOwned = true;
        kidsTopOwned = true;
    }

    private void discardDrafts() {
        for (int i = 0; i < dirtyCount; i++) {
            drafts[dirty[i]] = null;
        }
        dirtyCount = 0;
    }

    // ---- reads ----------------------------------------------------------------------------

    /** Exact-match peer id in the working state (drafts included). */
    int get(int addr, int len) {
        Block4Draft d = dirtyCount == 0 ? null : drafts[addr >>> 16];
        if (d == null) {
            return table().find(addr, len);
        }
        return len <= 24 ? d.get(-1, IntNode.codeOf(addr >>> 8, len - 16))
                : d.get((addr >>> 8) & 0xff, IntNode.codeOf(addr, len - 24));
    }

    // ---- changes --------------------------------------------------------------------------

    /** Batch form of {@link #set}: drafts the change and returns the previous peer id (0: none). */
    int put(int addr, int len, int id) {
        Block4Draft d = draft(addr >>> 16);
        return len <= 24 ? d.put(-1, IntNode.codeOf(addr >>> 8, len - 16), id)
                : d.put((addr >>> 8) & 0xff, IntNode.codeOf(addr, len - 24), id);
    }

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
        int[] node = nodes[o] == null ? null : nodes[o][b];
        int[][] kt = kids4[o] == null ? null : kids4[o][b];
        if (len <= 24) {
            int code = IntNode.codeOf(addr >>> 8, len - 16);
            int[] fresh = kt != null || node == null ? null : IntNode.withOriginal(node, code, id); // dense: repaint the range only
            if (fresh != null) {
                nodesOf(o)[b] = fresh;
                return;
            }
            int n = node == null ? 0 : IntNode.extract(node, orig);
            n = IntNode.edit(orig, 0, n, code, id);
            setNode(o, b, node, n, kt);
        } else {
            int s = (addr >>> 8) & 0xff;
            int[] kid = kt == null ? null : kt[s];
            int inherited = kid != null ? IntNode.inherited(kid) : node == null ? 0 : IntNode.get(node, s);
            int m = kid == null ? 0 : IntNode.extract(kid, korig);
            m = IntNode.edit(korig, 0, m, IntNode.codeOf(addr, len - 24), id);
            int[] fresh = m == 0 ? null : buildKid(korig, m, inherited);
            int[][] nkt = kt == null ? new int[256][] : kt.clone();
            nkt[s] = fresh;
            if (fresh == null && allNull(nkt)) {
                nkt = null;
            }
            kidsOf(o)[b] = nkt;
            if ((kid == null) != (fresh == null)) { // the node's CHILD mark appears or goes
                int n = node == null ? 0 : IntNode.extract(node, orig);
                setNode(o, b, node, n, nkt);
            }
        }
    }

    /**
     * Builds the node of /16 {@code o.b} (currently {@code old}) from originals
     * {@code orig[0, n)} and kid table {@code kt}, rebuilding kids whose inherited value
     * changed.
     */
    private void setNode(int o, int b, int[] old, int n, int[][] kt) {
        IntNode.paint(orig, n, 0, slots);
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
                    int m = IntNode.extract(k, korig);
                    nkt[s] = buildKid(korig, m, slots[s]);
                }
                slots[s] = IntNode.CHILD;
            }
            if (nkt != kt) {
                kidsOf(o)[b] = nkt;
            }
        }
        int[] node = n == 0 && !anyKid ? null : IntNode.encode(slots, orig, n, 0, scratch);
        if (old != node) {
            nodesOf(o)[b] = node;
        }
    }

    private int[] buildKid(int[] e, int m, int inherited) {
        IntNode.paint(e, m, inherited, kslots);
        return IntNode.encode(kslots, e, m, inherited, scratch);
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
            Table4 t = table();
            d = new Block4Draft(t.node(b16 >>> 8, b16 & 0xff), t.kidTable(b16 >>> 8, b16 & 0xff));
            drafts[b16] = d;
            if (dirtyCount == dirty.length) {
                dirty = Arrays.copyOf(dirty, dirtyCount * 2);
            }
            dirty[dirtyCount++] = b16;
        }
        return d;
    }

    /**
     * Builds every drafted block (once each) into the owned per-/8 arrays, in address order: the
     * new nodes then lie in memory in the order block-wise passes (removal by peer, walks) visit
     * them, instead of in the order a batch first touched them.
     */
    void finish() {
        Arrays.sort(dirty, 0, dirtyCount);
        for (int i = 0; i < dirtyCount; i++) {
            int b16 = dirty[i];
            Block4Draft d = drafts[b16];
            drafts[b16] = null;
            build(b16, d);
        }
        dirtyCount = 0;
    }

    /**
     * Removes every prefix of peer {@code id} from /16 block {@code b16} (part of a batch);
     * returns how many it removed.
     */
    int removeId(int b16, int id) {
        Block4Draft d = drafts[b16];
        if (d != null) {
            return d.removeId(id);
        }
        int o = b16 >>> 8;
        int b = b16 & 0xff;
        Table4 t = table();
        int[] node = t.node(o, b);
        int[][] kt = t.kidTable(o, b);
        int[] fresh = kt != null || node == null ? null : IntNode.withoutId(node, id); // dense: repaint the ranges only
        if (fresh != null) {
            if (fresh != node) {
                nodesOf(o)[b] = fresh;
            }
            return IntNode.originals(node) - IntNode.originals(fresh);
        }
        d = new Block4Draft(node, kt);
        int removed = d.removeId(id);
        build(b16, d);
        return removed;
    }

    private void build(int b16, Block4Draft d) {
        int o = b16 >>> 8;
        int b = b16 & 0xff;
        IntNode.paint(d.e, d.n, 0, slots);
        int[][] kt = null;
        if (d.kidE != null) {
            for (int s = 0; s < 256; s++) {
                int m = d.kidN[s];
                if (m > 0) {
                    if (kt == null) {
                        kt = new int[256][];
                    }
                    kt[s] = buildKid(d.kidE[s], m, slots[s]);
                    slots[s] = IntNode.CHILD;
                }
            }
        }
        if (kt != null || (kids4[o] != null && kids4[o][b] != null)) {
            kidsOf(o)[b] = kt;
        }
        int[] node = d.n == 0 && kt == null ? null : IntNode.encode(slots, d.e, d.n, 0, scratch);
        if (node != null || (nodes[o] != null && nodes[o][b] != null)) {
            nodesOf(o)[b] = node;
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
            int current = covers[o] == null ? 0 : covers[o][b];
            if (current != id) {
                coversOf(o)[b] = id;
            }
        }
    }

    /** The covers of /8 {@code o}, owned by this transaction (copied or created on first use). */
    private int[] coversOf(int o) {
        if (coversStamp[o] != serial || covers[o] == null) {
            if (!coversTopOwned) {
                covers = covers.clone();
                coversTopOwned = true;
            }
            covers[o] = covers[o] == null ? new int[256] : covers[o].clone();
            coversStamp[o] = serial;
        }
        return covers[o];
    }

    private int[][] nodesOf(int o) {
        if (nodesStamp[o] != serial || nodes[o] == null) {
            if (!nodesTopOwned) {
                nodes = nodes.clone();
                nodesTopOwned = true;
            }
            nodes[o] = nodes[o] == null ? new int[256][] : nodes[o].clone();
            nodesStamp[o] = serial;
        }
        return nodes[o];
    }

    private int[][][] kidsOf(int o) {
        if (kidsStamp[o] != serial || kids4[o] == null) {
            if (!kidsTopOwned) {
                kids4 = kids4.clone();
                kidsTopOwned = true;
            }
            kids4[o] = kids4[o] == null ? new int[256][][] : kids4[o].clone();
            kidsStamp[o] = serial;
        }
        return kids4[o];
    }

    // ---- walk -----------------------------------------------------------------------------

    /** Receives one IPv4 prefix (network address as an int) and its peer id. */
    interface Visitor {
        void accept(int addr, int len, int id);
    }

    /** Visits the prefixes /17../32 of a table in address order, shorter first. */
    static void walk(Table4 t, Visitor v) {
        for (int o = 0; o < 256; o++) {
            for (int b = 0; b < 256; b++) {
                int[] node = t.node(o, b);
                if (node != null) {
                    walkNode(node, o << 24 | b << 16, 16, 8, t.kidTable(o, b), v);
                }
            }
        }
    }

    private static void walkNode(int[] node, int base, int baseLen, int shift, int[][] kt, Visitor v) {
        int n = IntNode.originals(node);
        int[] order = new int[n]; // start slot << 13 | l << 9 | index: sorts by (start, length)
        for (int i = 0; i < n; i++) {
            int code = IntNode.code(node, i);
            order[i] = Keys.startOf(code) << 13 | Keys.bitsOf(code) << 9 | i;
        }
        Arrays.sort(order);
        int next = 0;
        for (int s = 0; s < 256; s++) {
            while (next < n && order[next] >>> 13 == s) {
                int i = order[next++] & 511;
                v.accept(base | s << shift, baseLen + Keys.bitsOf(IntNode.code(node, i)), IntNode.id(node, i));
            }
            if (kt != null && kt[s] != null) {
                walkNode(kt[s], base | s << 8, 24, 0, null, v);
            }
        }
    }
}
