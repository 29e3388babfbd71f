package dev.keyroute.wgcore.allowedips;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The flat IPv4 table for prefixes longer than /16, and the covers of the shorter ones. A lookup
 * reads one slot of a per-/12 array from memory (its header line is shared by 4,096 slots, so it
 * stays in cache), instead of a node per /16.
 *
 * <ul>
 *   <li>{@link #slots}: per /12, null or an array of {@value #HEADER} cover slots, one per /16
 *       ({@link #headerCover}), then one 16-bit slot per /24 ({@link #slotIndex}; 8 KB, so a
 *       batch copies little, and a small table few). A /24's slot: {@code 1..32767} = peer id
 *       of the longest prefix /17../24 covering it, {@code 0} = none: its /16's cover slot
 *       decides, {@link IntNode#CHILD} = the answer lies in the /24's kid: it has prefixes
 *       /25../32, or its peer id does not fit 16 bits. A cover slot: the peer id of the /16's
 *       cover (the longest prefix /0../16 covering it), 0 for none, or {@link #WIDE}: the id
 *       does not fit 16 bits, the cover array decides. The cover slots share the array's first
 *       cache line with its length, which every lookup in the /12 reads, so a lookup that ends
 *       on a cover costs no second miss; and a change of a short prefix writes one cover slot
 *       per /16 instead of the slots of all its /24s (until stop 13 the cover was pushed into
 *       every /24 slot without a longer prefix: a /8 rewrote 65,536 slots, over 100 us).
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
 * array it changes (copy on write), so readers see a batch all at once. A single change
 * (an insert or remove outside a batch: {@link Writer4#set} with {@code single}, and the covers
 * it changes, {@link Writer4#setCovers}) writes the slots, cover slots and kids in place with release
 * stores, in an order where every location goes straight from its old value to its new one and
 * whatever a new value refers to is stored first: a kid before the slot that sends lookups to
 * it, a slot's new value before its old kid is dropped, a new slot array (holding what
 * lookups found without it: the covers, in its cover slots) before its slots. A lookup therefore reads, for its address, either the value before
 * or the value after the change. Ids are the one thing a slot cannot carry with it: a lookup
 * maps its id through the id table of the snapshot it started from, and
 * {@link AllowedIps#lookupV4} keeps the answer only if no snapshot was published meanwhile (the
 * writer publishes a newly assigned id before any slot holds it, and releases an id only once no
 * slot holds it); otherwise it looks up again. {@link #covers} are copy-on-write in every case.
 */
record Table4(int[][] covers, short[][] slots, int[][][] nodes, int[][][][] kids) {
    /** Slot arrays: one per /12. */
    static final int SLOT_ARRAYS = 1 << 12;
    /** Slots per array: one per /24 of a /12. */
    static final int SLOTS = 1 << 12;
    /** Cover slots at the start of a slot array: one per /16 of its /12. */
    static final int HEADER = 16;
    /** Cover slot value: the cover's id does not fit 16 bits; {@link #cover} has it. */
    static final int WIDE = -1;
    /** Slot values above this (peer ids that do not fit 16 bits) are kept in a kid. */
    static final int NARROW_MAX = Short.MAX_VALUE;

    static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(short[].class);
    /** Element of an {@code int[][]}: a node or a kid. */
    static final VarHandle NODE = MethodHandles.arrayElementVarHandle(int[][].class);
    /** Element of an {@code int[][][]}: a per-/8 node array or a kid table. */
    static final VarHandle TABLE = MethodHandles.arrayElementVarHandle(int[][][].class);
    /** Element of an {@code int[][][][]}: a per-/8 kid-table array. */
    static final VarHandle KIDS8 = MethodHandles.arrayElementVarHandle(int[][][][].class);
    /** Element of a {@code short[][]}: a slot array. */
    static final VarHandle SLOT_ARRAY = MethodHandles.arrayElementVarHandle(short[][].class);

    static Table4 empty() {
        return new Table4(new int[256][], new short[SLOT_ARRAYS][], new int[256][][], new int[256][][][]);
    }

    /** Index of /24 {@code s} of /16 {@code b16} in its slot array ({@code b16 >>> 4}); only the low 4 bits of {@code b16} count. */
    static int slotIndex(int b16, int s) {
        return HEADER + ((b16 & 15) << 8 | s);
    }

    /** Index of /16 {@code b16}'s cover slot in its slot array. */
    static int headerIndex(int b16) {
        return b16 & (HEADER - 1);
    }

    /** A new slot array: no prefix /17../32, every cover slot 0. */
    static short[] newSlots() {
        return new short[HEADER + SLOTS];
    }

    /**
     * The slot of an IPv4 address: a peer id, 0 (the cover array decides: {@link #cover}), or
     * {@link IntNode#CHILD} (the answer lies in a kid: {@link #inKid}). Reader hot path; see
     * {@link AllowedIps#lookupV4}, which reads the covers and kids only when needed and
     * validates the answer against the snapshot (see the class comment): while a change is in
     * flight the id may be one the caller's id table does not hold yet.
     */
    static int slot(short[] t, int address) {
        return (short) SLOT.getAcquire(t, HEADER + ((address >>> 8) & (SLOTS - 1))); // slotIndex(address >>> 16, address >>> 8 & 0xff) in one mask
    }

    /** The cover slot of an address's /16: the cover's peer id, 0 for none, or {@link #WIDE}. */
    static int headerCover(short[] t, int address) {
        return (short) SLOT.getAcquire(t, headerIndex(address >>> 16));
    }

    /** The cover of an address's /16: the longest prefix /0../16 covering it, or 0. */
    static int cover(int[][] covers, int address) {
        int[] cs = covers[address >>> 24];
        return cs == null ? 0 : cs[(address >>> 16) & 0xff];
    }

    /**
     * The answer of a slot marked {@link IntNode#CHILD} (0: the cover decides). A kid that is
     * gone was dropped after its slot got a value, which the slot then shows; if the kid is
     * still missing, a snapshot was published during the lookup (the caller's validation fails),
     * so any answer does.
     */
    static int inKid(short[] t, int[][][][] kids, int address) {
        int[] kid = kidAcquire(kids, address);
        if (kid == null) {
            int v = slot(t, address);
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

    /** Exact-match peer id of {@code addr/len} (17..32), or 0. Validated like {@link #slot}. */
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
