package dev.keyroute.wgcore.allowedips;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The flat IPv4 table for prefixes longer than /16, and the covers of the shorter ones. A lookup
 * reads one slot of a per-/8 array from memory (its header line is shared by 65,536 slots, so it
 * stays in cache), instead of a node per /16.
 *
 * <ul>
 *   <li>{@link #slots}: per /8, null or one 16-bit slot per /24 (index: second and third byte):
 *       {@code 0} = no prefix /17../24 covers it (the cover decides), {@code 1..32767} = peer id
 *       of the longest prefix /17../24 covering it, {@link IntNode#CHILD} = the answer lies in
 *       the /24's kid: it has prefixes /25../32, or its peer id does not fit 16 bits.
 *   <li>{@link #covers}: per /16, the peer id of the longest prefix of length 16 or less covering
 *       it (0: none). Those short prefixes live in the chunk trie; this is their leaf-pushed view.
 *   <li>{@link #nodes}: per /16, null or the originals of its prefixes /17../24
 *       ({@link IntNode#originalsOnly}): what exact-match reads, walks and writers use.
 *   <li>{@link #kids}: per /16, null or 256 kids by third byte: {@link IntNode}s for the fourth
 *       byte (prefixes /25../32 painted over the /24's value from the node).
 * </ul>
 *
 * <h2>Publication</h2>
 * The arrays are reached through a snapshot published by a volatile write. A batch copies every
 * per-/8 array it changes (copy on write), so readers see a batch all at once. A single change
 * ({@link Writer4#set} with {@code single}, and nothing else) writes in place with release
 * stores, in an order where every location goes straight from its old value to its new one and
 * whatever a new value refers to is stored first: a kid before the slot that sends lookups to
 * it, a slot's new value before its old kid is dropped, a new per-/8 array (all zero: "no
 * prefix") before its slots. A lookup therefore reads, for its address, either the value before
 * or the value after the change. Ids are the one thing a slot cannot carry with it: a lookup
 * maps its id through the id table of the snapshot it started from, and
 * {@link AllowedIps#lookupV4} keeps the answer only if no snapshot was published meanwhile (the
 * writer publishes a newly assigned id before any slot holds it, and releases an id only once no
 * slot holds it); otherwise it looks up again. {@link #covers} are copy-on-write in every case.
 */
record Table4(int[][] covers, short[][] slots, int[][][] nodes, int[][][][] kids) {
    /** One slot per /24 of a /8. */
    static final int SLOTS = 1 << 16;
    /** Slot values above this (peer ids that do not fit 16 bits) are kept in a kid. */
    static final int NARROW_MAX = Short.MAX_VALUE;

    static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(short[].class);
    /** Element of an {@code int[][]}: a node or a kid. */
    static final VarHandle NODE = MethodHandles.arrayElementVarHandle(int[][].class);
    /** Element of an {@code int[][][]}: a per-/8 node array or a kid table. */
    static final VarHandle TABLE = MethodHandles.arrayElementVarHandle(int[][][].class);
    /** Element of an {@code int[][][][]}: a per-/8 kid-table array. */
    static final VarHandle KIDS8 = MethodHandles.arrayElementVarHandle(int[][][][].class);
    /** Element of a {@code short[][]}: a per-/8 slot array. */
    static final VarHandle SLOTS8 = MethodHandles.arrayElementVarHandle(short[][].class);

    static Table4 empty() {
        return new Table4(new int[256][], new short[256][], new int[256][][], new int[256][][][]);
    }

    /**
     * Longest-match peer id of an IPv4 address, or 0. Reader hot path. The caller validates the
     * answer against the snapshot (see the class comment): while a change is in flight the id
     * may be one the caller's id table does not hold yet.
     */
    static int lookup(int[][] covers, short[][] slots, int[][][][] kids, int address) {
        int o = address >>> 24;
        short[] t = slots[o];
        if (t != null) {
            int i = (address >>> 8) & 0xffff;
            int v = (short) SLOT.getAcquire(t, i);
            if (v == IntNode.CHILD) {
                v = inKid(t, i, kids, address);
            }
            if (v != 0) {
                return v;
            }
        }
        int[] cs = covers[o];
        return cs == null ? 0 : cs[(address >>> 16) & 0xff];
    }

    /**
     * The answer of a slot marked {@link IntNode#CHILD}. A kid that is gone was dropped after its
     * slot got a value, which the slot then shows; if the kid is still missing, a snapshot was
     * published during the lookup (the caller's validation fails), so any answer does.
     */
    private static int inKid(short[] t, int i, int[][][][] kids, int address) {
        int[] kid = kidAcquire(kids, address);
        if (kid == null) {
            int v = (short) SLOT.getAcquire(t, i);
            if (v != IntNode.CHILD) {
                return v;
            }
            kid = kidAcquire(kids, address);
            if (kid == null) {
                return 0;
            }
        }
        return IntNode.get(kid, address & 0xff);
    }

    private static int[] kidAcquire(int[][][][] kids, int address) {
        int[][][] k8 = (int[][][]) KIDS8.getAcquire(kids, address >>> 24);
        int[][] kt = k8 == null ? null : (int[][]) TABLE.getAcquire(k8, (address >>> 16) & 0xff);
        return kt == null ? null : (int[]) NODE.getAcquire(kt, (address >>> 8) & 0xff);
    }

    /** Exact-match peer id of {@code addr/len} (17..32), or 0. Validated like {@link #lookup}. */
    int find(int addr, int len) {
        int o = addr >>> 24;
        int b = (addr >>> 16) & 0xff;
        if (len <= 24) {
            int[] node = node(o, b);
            return node == null ? 0 : IntNode.find(node, IntNode.codeOf(addr >>> 8, len - 16));
        }
        int[][] kt = kidTable(o, b);
        int[] kid = kt == null ? null : (int[]) NODE.getAcquire(kt, (addr >>> 8) & 0xff);
        return kid == null ? 0 : IntNode.find(kid, IntNode.codeOf(addr, len - 24));
    }

    int[] node(int o, int b) {
        int[][] ns = (int[][]) TABLE.getAcquire(nodes, o);
        return ns == null ? null : (int[]) NODE.getAcquire(ns, b);
    }

    int[][] kidTable(int o, int b) {
        int[][][] ks = (int[][][]) KIDS8.getAcquire(kids, o);
        return ks == null ? null : (int[][]) TABLE.getAcquire(ks, b);
    }
}
