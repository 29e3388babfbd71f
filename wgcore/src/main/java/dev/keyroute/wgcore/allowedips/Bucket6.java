package dev.keyroute.wgcore.allowedips;

/**
 * One bucket of an IPv6 level table (see {@link Table6}): an open-addressing map (linear
 * probing, backward-shift deletion, capacity a power of two, load at most 3/4) from a key (the
 * first L bytes of an address: {@link #khi}, and {@link #klo} for L &gt; 8, else null) to a
 * {@link IntNode} for byte L and a value: at level 4 the cover of the /32 (peer id of the longest
 * prefix /0../32 covering it), at deeper levels the peer id of the exact prefix /8L.
 * {@link #meta} is {@link #OCCUPIED} | value; 0 marks a free slot, whose key fields are 0 too,
 * so a probe reads {@link #meta} only for a key of 0.
 *
 * <p>Immutable once published. The writer copies a bucket on its first change in a transaction
 * ({@link #owner} = the transaction's serial) and then changes the copy in place; the columns are
 * copied on first change too, so replacing one node copies only {@link #nodes}.
 */
final class Bucket6 {
    static final int OCCUPIED = 1 << 31;
    static final int COVER_MASK = IntNode.MAX_ID - 1;
    private static final int KEYS = 1;
    private static final int NODES = 2;

    long[] khi;
    long[] klo;
    int[] meta;
    int[][] nodes;
    int size;
    final long owner;
    private int owned;

    private Bucket6(long[] khi, long[] klo, int[] meta, int[][] nodes, int size, long owner, int owned) {
        this.khi = khi;
        this.klo = klo;
        this.meta = meta;
        this.nodes = nodes;
        this.size = size;
        this.owner = owner;
        this.owned = owned;
    }

    static Bucket6 empty(long owner, boolean wideKeys) {
        int cap = 4;
        return new Bucket6(new long[cap], wideKeys ? new long[cap] : null, new int[cap], new int[cap][], 0, owner, KEYS | NODES);
    }

    Bucket6 copy(long owner) {
        return new Bucket6(khi, klo, meta, nodes, size, owner, 0);
    }

    static int hash(long khi, long klo) {
        long h = khi * 0x9E3779B97F4A7C15L ^ klo * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ h >>> 32);
    }

    /** Slot of the key, or -1. Reader hot path: reads {@link #khi} (and {@link #klo}) only, unless the key is 0. */
    int find(int h, long kh, long kl) {
        long[] keys = khi;
        int mask = keys.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == kh) {
                if (kh == 0 && meta[i] == 0) {
                    return -1;
                }
                if (klo == null || klo[i] == kl) {
                    return i;
                }
            } else if (k == 0 && meta[i] == 0) {
                return -1;
            }
        }
    }

    // ---- writer, on an owned copy ---------------------------------------------------------

    /** Slot of the key, inserting it (meta = OCCUPIED | cover, no node) if absent. */
    int insert(int h, long kh, long kl, int cover) {
        int i = find(h, kh, kl);
        if (i >= 0) {
            return i;
        }
        ownKeys();
        if ((size + 1) * 4 > meta.length * 3) {
            grow();
        }
        int mask = meta.length - 1;
        i = h & mask;
        while (meta[i] != 0) {
            i = (i + 1) & mask;
        }
        khi[i] = kh;
        if (klo != null) {
            klo[i] = kl;
        }
        meta[i] = OCCUPIED | cover;
        size++;
        return i;
    }

    void setNode(int i, int[] node) {
        if ((owned & NODES) == 0) {
            nodes = nodes.clone();
            owned |= NODES;
        }
        nodes[i] = node;
    }

    void setCover(int i, int cover) {
        ownKeys();
        meta[i] = OCCUPIED | cover;
    }

    /** Removes slot {@code i} (its node must already be null), shifting later entries back. */
    void remove(int i) {
        ownKeys();
        if ((owned & NODES) == 0) {
            nodes = nodes.clone();
            owned |= NODES;
        }
        int mask = meta.length - 1;
        vacate(i);
        size--;
        for (int j = (i + 1) & mask; meta[j] != 0; j = (j + 1) & mask) {
            int ideal = hash(khi[j], klo == null ? 0 : klo[j]) & mask;
            if (((j - ideal) & mask) >= ((j - i) & mask)) {
                khi[i] = khi[j];
                if (klo != null) {
                    klo[i] = klo[j];
                }
                meta[i] = meta[j];
                nodes[i] = nodes[j];
                vacate(j);
                i = j;
            }
        }
    }

    private void vacate(int i) {
        meta[i] = 0;
        nodes[i] = null;
        khi[i] = 0;
        if (klo != null) {
            klo[i] = 0;
        }
    }

    private void ownKeys() {
        if ((owned & KEYS) == 0) {
            khi = khi.clone();
            klo = klo == null ? null : klo.clone();
            meta = meta.clone();
            owned |= KEYS;
        }
    }

    private void grow() {
        long[] oh = khi;
        long[] ol = klo;
        int[] om = meta;
        int[][] on = nodes;
        int cap = om.length * 2;
        khi = new long[cap];
        klo = ol == null ? null : new long[cap];
        meta = new int[cap];
        nodes = new int[cap][];
        owned = KEYS | NODES;
        int mask = cap - 1;
        for (int j = 0; j < om.length; j++) {
            if (om[j] != 0) {
                long l = ol == null ? 0 : ol[j];
                int i = hash(oh[j], l) & mask;
                while (meta[i] != 0) {
                    i = (i + 1) & mask;
                }
                khi[i] = oh[j];
                if (klo != null) {
                    klo[i] = l;
                }
                meta[i] = om[j];
                nodes[i] = on[j];
            }
        }
    }
}
