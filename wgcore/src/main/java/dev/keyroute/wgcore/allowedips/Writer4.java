package dev.keyroute.wgcore.allowedips;

import java.util.Arrays;

/**
 * Writer side of the flat IPv4 table ({@link Table4}) for prefixes longer than /16; the covers
 * of the shorter ones are set through {@link #setCovers}. Writer-only, reused between
 * transactions.
 *
 * <p>A single change outside a batch is written in place (see {@link Table4} for the order that
 * keeps every lookup's answer that of the state before or after it): the /16's originals node
 * is replaced, and only the slots (and kids) in the changed prefix's range are rewritten.
 * Changes inside a batch edit a {@link Block4Draft} per /16 instead, and {@link #finish} builds
 * each touched block once into copies of the per-/8 (and per-/12 slot) arrays, owned by the
 * running transaction (ownership is a per-array stamp of the transaction's serial) and
 * published with it.
 */
final class Writer4 {
    /** Painted values of the node being (re)built. */
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
    private final long[] slotsStamp = new long[Table4.SLOT_ARRAYS];
    private final long[] nodesStamp = new long[256];
    private final long[] kidsStamp = new long[256];
    private int[][] covers;
    private short[][] slots4;
    private int[][][] nodes;
    private int[][][][] kids4;
    private boolean coversTopOwned;
    private boolean slotsTopOwned;
    private boolean nodesTopOwned;
    private boolean kidsTopOwned;

    void begin(Table4 published) {
        discardDrafts(); // left over by a batch that threw
        serial++;
        covers = published.covers();
        slots4 = published.slots();
        nodes = published.nodes();
        kids4 = published.kids();
        coversTopOwned = false;
        slotsTopOwned = false;
        nodesTopOwned = false;
        kidsTopOwned = false;
    }

    /** Working table (after {@link #finish}: the one to publish). */
    Table4 table() {
        return new Table4(covers, slots4, nodes, kids4);
    }

    void clear() {
        discardDrafts();
        Table4 t = Table4.empty();
        covers = t.covers();
        slots4 = t.slots();
        nodes = t.nodes();
        kids4 = t.kids();
        coversTopOwned = true;
        slotsTopOwned = true;
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

    /**
     * Starts the reads a single change of {@code addr} waits for (its slot, its /16's node and
     * kid table) so that their cache misses overlap instead of following one another; returns
     * what was read, to fold into a sink so that the JIT keeps the reads.
     */
    int prefetch(int addr) {
        int o = addr >>> 24;
        int b = (addr >>> 16) & 0xff;
        short[] t = slots4[addr >>> 20];
        int v = t == null ? 0 : t[Table4.slotIndex(addr >>> 16, (addr >>> 8) & 0xff)];
        int[][] ns = nodes[o];
        int[] node = ns == null ? null : ns[b];
        int[][][] ks = kids4[o];
        int[][] kt = ks == null ? null : ks[b];
        return v + (node == null ? 0 : node[0]) + (kt == null ? 0 : kt.length);
    }

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
     * {@code single}: the only change of the transaction, written in place; otherwise drafted.
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
        int[] node = nodeAt(o, b);
        int n = node == null ? 0 : IntNode.extract(node, orig);
        if (len <= 24) {
            int code = IntNode.codeOf(addr >>> 8, len - 16);
            n = IntNode.edit(orig, 0, n, code, id);
            storeNode(o, b, n == 0 ? null : IntNode.originalsOnly(orig, n));
            int start = Keys.startOf(code);
            int end = Keys.endOf(code);
            IntNode.paintRange(orig, n, 0, start, end, slots);
            for (int s = start; s < end; s++) {
                refresh(o, b, s, slots[s]);
            }
        } else {
            int s = (addr >>> 8) & 0xff;
            IntNode.paintRange(orig, n, 0, s, s + 1, slots); // the /24's value from the node
            int[] kid = kidAt(o, b, s);
            int m = kid == null ? 0 : IntNode.extract(kid, korig);
            m = IntNode.edit(korig, 0, m, IntNode.codeOf(addr, len - 24), id);
            place(o, b, s, slots[s], korig, m);
        }
    }

    /** Gives /24 {@code o.b.s} the node value {@code value}, keeping its kid originals (in place). */
    private void refresh(int o, int b, int s, int value) {
        int[] kid = kidAt(o, b, s);
        if (kid != null && IntNode.inherited(kid) == value) {
            return;
        }
        int m = kid == null ? 0 : IntNode.extract(kid, korig);
        place(o, b, s, value, korig, m);
    }

    /**
     * Points /24 {@code o.b.s} at node value {@code value} over kid originals {@code ke[0, m)}
     * (in place): a kid when there are originals or the value does not fit a slot, else the
     * value itself. A kid is stored before its slot is marked; a slot gets its value before its
     * kid is dropped.
     */
    private void place(int o, int b, int s, int value, int[] ke, int m) {
        int b16 = o << 8 | b;
        if (m > 0 || value > Table4.NARROW_MAX) {
            storeKid(o, b, s, buildKid(ke, m, value));
            writeSlot(b16, s, IntNode.CHILD);
        } else {
            boolean hadKid = kidAt(o, b, s) != null;
            writeSlot(b16, s, value);
            if (hadKid) {
                storeKid(o, b, s, null);
            }
        }
    }

    /** The cover slot of /16 {@code o.b}: the cover's peer id, 0 for none, or {@link Table4#WIDE}. */
    private int coverSlot(int o, int b) {
        int c = covers[o] == null ? 0 : covers[o][b];
        return c <= Table4.NARROW_MAX ? c : Table4.WIDE;
    }

    /** A new slot array {@code a} (/12), without prefixes /17../32: its cover slots hold the covers. */
    private short[] coveredSlots(int a) {
        short[] t = Table4.newSlots();
        for (int q = 0; q < Table4.HEADER; q++) {
            int b16 = a << 4 | q;
            t[Table4.headerIndex(b16)] = (short) coverSlot(b16 >>> 8, b16 & 0xff);
        }
        return t;
    }

    /** The working node of /16 {@code o.b}, or null. */
    private int[] nodeAt(int o, int b) {
        return nodes[o] == null ? null : nodes[o][b];
    }

    /** The working kid table of /16 {@code o.b}, or null. */
    private int[][] kidTableAt(int o, int b) {
        return kids4[o] == null ? null : kids4[o][b];
    }

    private int[] kidAt(int o, int b, int s) {
        int[][] kt = kidTableAt(o, b);
        return kt == null ? null : kt[s];
    }

    /**
     * Stores the slot of /24 {@code b16.s} in place. A new slot array, holding its covers (what
     * lookups found without it), is published first.
     */
    private void writeSlot(int b16, int s, int v) {
        int a = b16 >>> 4;
        int i = Table4.slotIndex(b16, s);
        short[] t = slots4[a];
        if (t == null) {
            if (v == 0) {
                return;
            }
            t = coveredSlots(a);
            Table4.SLOT_ARRAY.setRelease(slots4, a, t);
        }
        if (t[i] != v) {
            Table4.SLOT.setRelease(t, i, (short) v);
        }
    }

    /** Stores the node of /16 {@code o.b} in place. */
    private void storeNode(int o, int b, int[] node) {
        int[][] ns = nodes[o];
        if (ns == null) {
            if (node == null) {
                return;
            }
            ns = new int[256][];
            ns[b] = node;
            Table4.TABLE.setRelease(nodes, o, ns);
            return;
        }
        Table4.NODE.setRelease(ns, b, node);
    }

    /** Stores the kid of /24 {@code o.b.s} in place; a kid table left empty is dropped. */
    private void storeKid(int o, int b, int s, int[] kid) {
        int[][][] k8 = kids4[o];
        int[][] kt = k8 == null ? null : k8[b];
        if (kt == null) {
            if (kid == null) {
                return;
            }
            kt = new int[256][];
            kt[s] = kid;
            if (k8 == null) {
                k8 = new int[256][][];
                k8[b] = kt;
                Table4.KIDS8.setRelease(kids4, o, k8);
            } else {
                Table4.TABLE.setRelease(k8, b, kt);
            }
            return;
        }
        Table4.NODE.setRelease(kt, s, kid);
        if (kid == null && allNull(kt)) {
            Table4.TABLE.setRelease(k8, b, null);
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
     * Builds every drafted block (once each) into the owned arrays, in address order: the
     * new nodes then lie in memory in the order block-wise passes (removal by peer, walks) visit
     * them, instead of in the order a batch first touched them.
     */
    void finish() {
        if (dirtyCount == 0) {
            return;
        }
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
        if (kt == null) { // no draft: filter the originals straight into the scratch
            int n = node == null ? 0 : IntNode.extract(node, orig);
            int left = IntNode.removeId(orig, n, id);
            if (left != n) {
                buildBlock(o, b, orig, left, null, null);
            }
            return n - left;
        }
        d = new Block4Draft(node, kt);
        int removed = d.removeId(id);
        build(b16, d);
        return removed;
    }

    /**
     * {@link #removeId} written in place (the only change of its transaction): the node is
     * replaced, then the /24s under the removed originals get their new values and each kid its
     * new originals or inherited value, in the order {@link #place} keeps.
     */
    int removeIdInPlace(int b16, int id) {
        int o = b16 >>> 8;
        int b = b16 & 0xff;
        int[] node = nodeAt(o, b);
        int[][] kt = kidTableAt(o, b);
        int n = node == null ? 0 : IntNode.extract(node, orig);
        long[] gone = {0, 0, 0, 0}; // /24s under a removed original
        for (int i = 0; i < n; i++) {
            if ((orig[i] & (IntNode.MAX_ID - 1)) == id) {
                int code = orig[i] >>> 22;
                Bits256.markRange(gone, Keys.startOf(code), Keys.endOf(code));
            }
        }
        int left = IntNode.removeId(orig, n, id);
        int removed = n - left;
        if (removed == 0 && kt == null) {
            return 0;
        }
        if (kt != null) {
            IntNode.paint(orig, left, 0, slots); // the kids' inherited values
        }
        if (removed > 0) {
            storeNode(o, b, left == 0 ? null : IntNode.originalsOnly(orig, left));
            short[] t = slots4[b16 >>> 4];
            int base = Table4.slotIndex(b, 0);
            for (int from = Bits256.nextSet(gone, 0); from < 256; from = Bits256.nextSet(gone, from)) {
                int to = Bits256.nextClear(gone, from);
                if (kt == null) {
                    IntNode.paintRange(orig, left, 0, from, to, slots);
                }
                for (int s = from; s < to; s++) {
                    int v = slots[s];
                    if (kt != null && kt[s] != null) {
                        continue; // below
                    }
                    if (v > Table4.NARROW_MAX) {
                        place(o, b, s, v, korig, 0);
                    } else {
                        t[base + s] = (short) v; // a plain value over a plain value
                    }
                }
                from = to;
            }
        }
        if (kt != null) {
            for (int s = 0; s < 256; s++) {
                int[] kid = kt[s];
                if (kid == null) {
                    continue;
                }
                int m = IntNode.extract(kid, korig);
                int kept = IntNode.removeId(korig, m, id);
                removed += m - kept;
                if (kept != m || IntNode.inherited(kid) != slots[s]) {
                    place(o, b, s, slots[s], korig, kept);
                }
            }
        }
        return removed;
    }

    private void build(int b16, Block4Draft d) {
        buildBlock(b16 >>> 8, b16 & 0xff, d.e, d.n, d.kidE, d.kidN);
    }

    /**
     * Builds /16 block {@code o.b} (part of a batch) from node originals {@code e[0, n)} and kid
     * originals {@code kidE[s][0, kidN[s])} into the owned arrays.
     */
    private void buildBlock(int o, int b, int[] e, int n, int[][] kidE, int[] kidN) {
        IntNode.paint(e, n, 0, slots);
        int[][] kt = null;
        for (int s = 0; s < 256; s++) {
            int m = kidE == null ? 0 : kidN[s];
            int v = slots[s];
            if (m > 0 || v > Table4.NARROW_MAX) {
                if (kt == null) {
                    kt = new int[256][];
                }
                kt[s] = buildKid(m > 0 ? kidE[s] : korig, m, v);
                slots[s] = IntNode.CHILD;
            }
        }
        if (kt != null || kidTableAt(o, b) != null) {
            kidsOf(o)[b] = kt;
        }
        int[] node = n == 0 ? null : IntNode.originalsOnly(e, n);
        if (node != null || nodeAt(o, b) != null) {
            nodesOf(o)[b] = node;
        }
        int a = (o << 8 | b) >>> 4;
        if (n > 0 || kt != null || slots4[a] != null) {
            short[] t = slotsOf(a);
            int base = Table4.slotIndex(b, 0);
            for (int s = 0; s < 256; s++) {
                t[base + s] = (short) slots[s];
            }
        }
    }

    /**
     * Sets the covers of /16 blocks {@code [from, to)} to {@code coverIds[b16 - from]}
     * (peer ids of the longest prefix /0../16 covering each block, 0 for none), and the cover
     * slots of their slot arrays; {@code inPlace}: the transaction is a single change (cover
     * slots are written in place, one release store each), else a batch.
     */
    void setCovers(int from, int to, int[] coverIds, boolean inPlace) {
        for (int b16 = from; b16 < to; b16++) {
            int id = coverIds[b16 - from];
            int o = b16 >>> 8;
            int b = b16 & 0xff;
            int current = covers[o] == null ? 0 : covers[o][b];
            if (current != id) {
                coversOf(o)[b] = id;
                int a = b16 >>> 4;
                if (slots4[a] != null) {
                    short v = (short) coverSlot(o, b);
                    if (inPlace) {
                        Table4.SLOT.setRelease(slots4[a], Table4.headerIndex(b16), v);
                    } else {
                        slotsOf(a)[Table4.headerIndex(b16)] = v;
                    }
                }
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

    /** Slot array {@code a} (/12), owned by this transaction (copied or created on first use). */
    private short[] slotsOf(int a) {
        if (slotsStamp[a] != serial || slots4[a] == null) {
            if (!slotsTopOwned) {
                slots4 = slots4.clone();
                slotsTopOwned = true;
            }
            slots4[a] = slots4[a] == null ? coveredSlots(a) : slots4[a].clone();
            slotsStamp[a] = serial;
        }
        return slots4[a];
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
}
