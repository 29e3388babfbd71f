package dev.keyroute.wgcore.allowedips;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One bucket of an IPv6 level table (see {@link Table6}): an open-addressing map (linear
 * probing, backward-shift deletion, capacity a power of two, load at most 3/4) from a key (the
 * first L bytes of an address: the high part, and {@link #klo} for L &gt; 8, else null) to a
 * {@link IntNode} for byte L and a value: at level 4 the cover of the /32 (peer id of the longest
 * prefix /0../32 covering it), at deeper levels the peer id of the exact prefix /8L.
 *
 * <p>{@link #entries} interleaves per slot the key's high part and its meta word
 * ({@link #OCCUPIED} | {@link #HAS_NODE} if the slot has a node | value; 0 = free slot, whose
 * key is 0 too), 16 bytes that never straddle a cache line, so a probe that ends on a value
 * costs one miss and never touches {@link #nodes}. {@link #nodes} is parallel.
 *
 * <p>A batch copies a bucket on its first change in the batch ({@link #owner} = the
 * transaction's serial) and then changes the copy in place; the columns are copied on first
 * change too, so replacing one node copies only {@link #nodes}. A copy never holds tombstones
 * (see below), so that removal can shift later entries back.
 *
 * <p>A single change outside a batch writes a published bucket in place, as {@link Table4}'s
 * slots are written, when the bucket has room ({@link #putShared}, {@link #setValueShared},
 * {@link #setNodeShared}, {@link #removeShared}): every slot goes straight from its old state to
 * its new one through one release store of its meta word, which a reader loads (with acquire)
 * before the key. A new entry writes its key (and node) first, then its meta; a removed entry
 * becomes a {@link #TOMB} (a meta word whose low half is 0, so it reads as no entry, but which a
 * probe walks past; slots are never shifted). Tombstones count towards the load and go when the
 * bucket is next copied. A reader whose probe spans two such changes may mix them up (a slot
 * removed and reused for another key); {@link AllowedIps} validates such readers against the
 * published snapshot, as for {@link Table4}, and each single change publishes one.
 */
final class Bucket6 {
    static final int OCCUPIED = 1 << 31;
    /** Meta bit: the slot has a node, so a lookup that finds no node bit skips the nodes column. */
    static final int HAS_NODE = 1 << 30;
    static final int COVER_MASK = IntNode.MAX_ID - 1;
    /** Meta word of a removed entry: not free (probes go on), no entry (its low half is 0). */
    static final long TOMB = 1L << 32;
    private static final int KEYS = 1;
    private static final int NODES = 2;
    private static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle NODE = MethodHandles.arrayElementVarHandle(int[][].class);

    long[] entries;
    long[] klo;
    int[][] nodes;
    int size;
    /** Tombstones left by in-place removals (writer only). */
    int tombs;
    final long owner;
    private int owned;

    private Bucket6(long[] entries, long[] klo, int[][] nodes, int size, int tombs, long owner, int owned) {
        this.entries = entries;
        this.klo = klo;
        this.nodes = nodes;
        this.size = size;
        this.tombs = tombs;
        this.owner = owner;
        this.owned = owned;
    }

    static Bucket6 empty(long owner, boolean wideKeys) {
        int cap = 4;
        return new Bucket6(new long[2 * cap], wideKeys ? new long[cap] : null, new int[cap][], 0, 0, owner, KEYS | NODES);
    }

    /** A copy owned by transaction {@code owner}, without tombstones (its columns are copied on first change). */
    Bucket6 copy(long owner) {
        Bucket6 c = new Bucket6(entries, klo, nodes, size, tombs, owner, 0);
        if (tombs > 0) {
            c.rehash(capacity());
        }
        return c;
    }

    static int hash(long khi, long klo) {
        long h = khi * 0x9E3779B97F4A7C15L ^ klo * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ h >>> 32);
    }

    int capacity() {
        return nodes.length;
    }

    long key(int i) {
        return entries[2 * i];
    }

    long keyLo(int i) {
        return klo == null ? 0 : klo[i];
    }

    /** Meta word of slot {@code i} (0: no entry, free or removed). */
    int meta(int i) {
        return (int) (long) ENTRY.getOpaque(entries, 2 * i + 1);
    }

    /** Value of slot {@code i}: cover (level 4) or exact /8L peer id, 0 for none. */
    int value(int i) {
        return meta(i) & COVER_MASK;
    }

    /** Node of slot {@code i}, or null (read with acquire: a single change may store it meanwhile). */
    int[] node(int i) {
        return (int[]) NODE.getAcquire(nodes, i);
    }

    /** Slot of the key, or -1. Reader hot path: each slot's meta word is read before its key (see the class comment). */
    int find(int h, long kh, long kl) {
        long[] e = entries;
        long[] lo = klo;
        int mask = (e.length >>> 1) - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            long m = (long) ENTRY.getAcquire(e, 2 * i + 1);
            if (m == 0) {
                return -1;
            }
            if ((int) m != 0 && e[2 * i] == kh && (lo == null || lo[i] == kl)) {
                return i;
            }
        }
    }

    /** The meta word of hash {@code h}'s home slot, where {@link #find} starts (read only to load its line). */
    long home(int h) {
        long[] e = entries;
        return e[2 * (h & ((e.length >>> 1) - 1)) + 1];
    }

    // ---- single change, on a published bucket ---------------------------------------------

    /**
     * Adds the (absent) key with {@code value} and {@code node} (or none) in place; returns its
     * slot, or -1 when the bucket has no room (the caller copies it instead).
     */
    int putShared(int h, long kh, long kl, int value, int[] node) {
        int cap = capacity();
        if ((size + tombs + 1) * 4 > cap * 3) {
            return -1;
        }
        long[] e = entries;
        int mask = cap - 1;
        int i = h & mask;
        while ((int) e[2 * i + 1] != 0) {
            i = (i + 1) & mask;
        }
        if (e[2 * i + 1] == TOMB) {
            tombs--;
        }
        if (klo != null) {
            klo[i] = kl;
        }
        e[2 * i] = kh;
        nodes[i] = node;
        ENTRY.setRelease(e, 2 * i + 1, (long) (OCCUPIED | (node != null ? HAS_NODE : 0) | value));
        size++;
        return i;
    }

    void setValueShared(int i, int value) {
        ENTRY.setRelease(entries, 2 * i + 1, (long) (OCCUPIED | (meta(i) & HAS_NODE) | value));
    }

    /** Replaces the node of slot {@code i} in place: a new node is stored before the meta word says there is one. */
    void setNodeShared(int i, int[] node) {
        int m = meta(i);
        if (node != null) {
            NODE.setRelease(nodes, i, node);
            if ((m & HAS_NODE) == 0) {
                ENTRY.setRelease(entries, 2 * i + 1, (long) (m | HAS_NODE));
            }
        } else {
            if ((m & HAS_NODE) != 0) {
                ENTRY.setRelease(entries, 2 * i + 1, (long) (m & ~HAS_NODE));
            }
            NODE.setRelease(nodes, i, null);
        }
    }

    /** Removes slot {@code i} in place, leaving a tombstone. */
    void removeShared(int i) {
        ENTRY.setRelease(entries, 2 * i + 1, TOMB);
        NODE.setRelease(nodes, i, null);
        size--;
        tombs++;
    }

    // ---- writer, on an owned copy ---------------------------------------------------------

    /** Slot of the key, inserting it (meta = OCCUPIED | value, no node) if absent. */
    int insert(int h, long kh, long kl, int value) {
        int i = find(h, kh, kl);
        if (i >= 0) {
            return i;
        }
        ownKeys();
        if ((size + 1) * 4 > capacity() * 3) {
            grow();
        }
        int mask = capacity() - 1;
        i = h & mask;
        while (meta(i) != 0) {
            i = (i + 1) & mask;
        }
        entries[2 * i] = kh;
        entries[2 * i + 1] = OCCUPIED | value;
        if (klo != null) {
            klo[i] = kl;
        }
        size++;
        return i;
    }

    void setNode(int i, int[] node) {
        if ((nodes[i] == null) != (node == null)) {
            ownKeys();
            entries[2 * i + 1] ^= HAS_NODE;
        }
        ownNodes();
        nodes[i] = node;
    }

    void setValue(int i, int value) {
        ownKeys();
        entries[2 * i + 1] = OCCUPIED | (meta(i) & HAS_NODE) | value;
    }

    /** Removes slot {@code i}, shifting later entries back. */
    void remove(int i) {
        ownKeys();
        ownNodes();
        int mask = capacity() - 1;
        vacate(i);
        size--;
        for (int j = (i + 1) & mask; meta(j) != 0; j = (j + 1) & mask) {
            int ideal = hash(key(j), keyLo(j)) & mask;
            if (((j - ideal) & mask) >= ((j - i) & mask)) {
                entries[2 * i] = entries[2 * j];
                entries[2 * i + 1] = entries[2 * j + 1];
                if (klo != null) {
                    klo[i] = klo[j];
                }
                nodes[i] = nodes[j];
                vacate(j);
                i = j;
            }
        }
    }

    private void vacate(int i) {
        entries[2 * i] = 0;
        entries[2 * i + 1] = 0;
        nodes[i] = null;
        if (klo != null) {
            klo[i] = 0;
        }
    }

    private void ownKeys() {
        if ((owned & KEYS) == 0) {
            entries = entries.clone();
            klo = klo == null ? null : klo.clone();
            owned |= KEYS;
        }
    }

    private void ownNodes() {
        if ((owned & NODES) == 0) {
            nodes = nodes.clone();
            owned |= NODES;
        }
    }

    private void grow() {
        rehash(capacity() * 2);
    }

    /** Moves the entries into new columns of capacity {@code cap}, dropping tombstones. */
    private void rehash(int cap) {
        long[] oe = entries;
        long[] ol = klo;
        int[][] on = nodes;
        entries = new long[2 * cap];
        klo = ol == null ? null : new long[cap];
        nodes = new int[cap][];
        owned = KEYS | NODES;
        tombs = 0;
        int mask = cap - 1;
        for (int j = 0; j < on.length; j++) {
            if ((int) oe[2 * j + 1] != 0) {
                long l = ol == null ? 0 : ol[j];
                int i = hash(oe[2 * j], l) & mask;
                while (meta(i) != 0) {
                    i = (i + 1) & mask;
                }
                entries[2 * i] = oe[2 * j];
                entries[2 * i + 1] = oe[2 * j + 1];
                if (klo != null) {
                    klo[i] = l;
                }
                nodes[i] = on[j];
            }
        }
    }
}
