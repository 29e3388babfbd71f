package dev.keyroute.wgcore.allowedips;

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
 * <p>Immutable once published. The writer copies a bucket on its first change in a transaction
 * ({@link #owner} = the transaction's serial) and then changes the copy in place; the columns are
 * copied on first change too, so replacing one node copies only {@link #nodes}.
 */
final class Bucket6 {
    static final int OCCUPIED = 1 << 31;
    /** Meta bit: the slot has a node, so a lookup that finds no node bit skips the nodes column. */
    static final int HAS_NODE = 1 << 30;
    static final int COVER_MASK = IntNode.MAX_ID - 1;
    private static final int KEYS = 1;
    private static final int NODES = 2;

    long[] entries;
    long[] klo;
    int[][] nodes;
    int size;
    final long owner;
    private int owned;

    private Bucket6(long[] entries, long[] klo, int[][] nodes, int size, long owner, int owned) {
        this.entries = entries;
        this.klo = klo;
        this.nodes = nodes;
        this.size = size;
        this.owner = owner;
        this.owned = owned;
    }

    static Bucket6 empty(long owner, boolean wideKeys) {
        int cap = 4;
        return new Bucket6(new long[2 * cap], wideKeys ? new long[cap] : null, new int[cap][], 0, owner, KEYS | NODES);
    }

    Bucket6 copy(long owner) {
        return new Bucket6(entries, klo, nodes, size, owner, 0);
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

    int meta(int i) {
        return (int) entries[2 * i + 1];
    }

    /** Value of slot {@code i}: cover (level 4) or exact /8L peer id, 0 for none. */
    int value(int i) {
        return (int) entries[2 * i + 1] & COVER_MASK;
    }

    /** Slot of the key, or -1. Reader hot path. */
    int find(int h, long kh, long kl) {
        long[] e = entries;
        int mask = (e.length >>> 1) - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            long k = e[2 * i];
            if (k == kh) {
                if (e[2 * i + 1] == 0) {
                    return -1; // a free slot (its key reads 0)
                }
                if (klo == null || klo[i] == kl) {
                    return i;
                }
            } else if (k == 0 && e[2 * i + 1] == 0) {
                return -1;
            }
        }
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
        long[] oe = entries;
        long[] ol = klo;
        int[][] on = nodes;
        int cap = on.length * 2;
        entries = new long[2 * cap];
        klo = ol == null ? null : new long[cap];
        nodes = new int[cap][];
        owned = KEYS | NODES;
        int mask = cap - 1;
        for (int j = 0; j < on.length; j++) {
            if (oe[2 * j + 1] != 0) {
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
