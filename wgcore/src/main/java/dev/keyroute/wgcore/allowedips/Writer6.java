package dev.keyroute.wgcore.allowedips;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.function.LongToIntFunction;

/**
 * Writer side of the flat IPv6 table ({@link Table6}) for prefixes longer than /32, plus the
 * level-4 covers of the short ones. Writer-only, reused between transactions.
 *
 * <p>A single change outside a batch ({@link #inPlace}) rebuilds the one node it touches and
 * writes it, or the value, into the published bucket in place when the bucket exists and has
 * room (see {@link Bucket6}); otherwise it copies the bucket (one column) and the two 64-entry
 * directory arrays above it. Inside a batch, changes go to a draft per node and {@link #finish}
 * builds each touched node once; buckets are then changed only while owned by the running
 * transaction (copied in it, not yet published).
 */
final class Writer6 {
    /** Originals of one node during a batch. */
    private static final class NodeDraft {
        final int level;
        final long kh;
        final long kl;
        /** Packed originals, ascending. */
        int[] e;
        int n;

        NodeDraft(int level, long kh, long kl, int[] node) {
            this.level = level;
            this.kh = kh;
            this.kl = kl;
            e = new int[node == null ? 4 : IntNode.originals(node) + 4];
            if (node != null) {
                n = IntNode.extract(node, e);
            }
        }

        int get(int code) {
            return IntNode.findPacked(e, 0, n, code);
        }

        void set(int code, int id) {
            if (n == e.length) {
                e = Arrays.copyOf(e, n * 2);
            }
            n = IntNode.edit(e, 0, n, code, id);
        }
    }

    private record DraftKey(int level, long kh, long kl) {
    }

    private final int[] slots = new int[256];
    private final int[] scratch = new int[IntNode.VALUES + 257];
    /** Packed originals of the node being rebuilt. */
    private final int[] orig = new int[IntNode.CODES + 1];
    private final HashMap<DraftKey, NodeDraft> drafts = new HashMap<>();
    private long serial;
    private Bucket6[][][] levels;
    private boolean levelsOwned;
    private final boolean[] levelOwned = new boolean[Table6.LEVELS];
    /** Per level and directory: copied in this transaction. */
    private final boolean[][] dirOwned = new boolean[Table6.LEVELS][Table6.DIR];
    private int mask;
    /** The running transaction is a single change: published buckets with room are written in place. */
    private boolean inPlace;

    void begin(Table6 published) {
        drafts.clear(); // left over by a batch that threw
        serial++;
        levels = published.levels();
        mask = published.mask();
        levelsOwned = false;
        inPlace = false;
        disown();
    }

    /** Whether the running transaction is a single change (see {@link Bucket6} for what that writes in place). */
    void inPlace(boolean single) {
        inPlace = single;
    }

    /** Whether {@code b} is to be written in place: a published bucket, in a single change. */
    private boolean shared(Bucket6 b) {
        return inPlace && b != null && b.owner != serial;
    }

    private void disown() {
        for (int level = 0; level < Table6.LEVELS; level++) {
            if (levelOwned[level]) {
                levelOwned[level] = false;
                Arrays.fill(dirOwned[level], false);
            }
        }
    }

    Table6 table() {
        return new Table6(levels, mask);
    }

    void clear() {
        drafts.clear();
        levels = new Bucket6[Table6.LEVELS][][];
        mask = 0;
        levelsOwned = true;
        disown();
    }

    // ---- reads ----------------------------------------------------------------------------

    /** Exact-match peer id in the working state (drafts included). */
    int get(long hi, long lo, int len) {
        if (Table6.aligned(len)) {
            return table().find(hi, lo, len);
        }
        if (!drafts.isEmpty()) {
            int level = (len - 1) >>> 3;
            NodeDraft d = drafts.get(new DraftKey(level, Table6.keyHi(hi, level), Table6.keyLo(lo, level)));
            if (d != null) {
                return d.get(IntNode.codeOf(Table6.slot(hi, lo, level), len - 8 * level));
            }
        }
        return table().find(hi, lo, len);
    }

    /**
     * Starts the read a single change of the prefix waits for first: the home slot of its key in
     * its level's bucket (see {@link Writer4#prefetch}); returns a value to fold into a sink.
     */
    long prefetch(long hi, long lo, int len) {
        int level = Table6.levelOf(len);
        long kh = Table6.keyHi(hi, level);
        int h = Bucket6.hash(kh, Table6.keyLo(lo, level));
        Bucket6 b = Table6.bucket(levels[level], h);
        return b == null ? 0 : b.home(h);
    }

    // ---- changes --------------------------------------------------------------------------

    /**
     * Maps {@code hi/lo/len} (33..128) to peer {@code id}, or removes it when {@code id == 0}.
     * {@code coverOf} gives the cover of a /32 key for a new level-4 entry. Returns the id the
     * prefix had (0: none).
     */
    int set(long hi, long lo, int len, int id, boolean single, LongToIntFunction coverOf) {
        if (Table6.aligned(len)) {
            int level = len >>> 3;
            return setValue(level, Table6.keyHi(hi, level), Table6.keyLo(lo, level), id);
        }
        int level = (len - 1) >>> 3;
        long kh = Table6.keyHi(hi, level);
        long kl = Table6.keyLo(lo, level);
        int code = IntNode.codeOf(Table6.slot(hi, lo, level), len - 8 * level);
        if (!single) {
            DraftKey key = new DraftKey(level, kh, kl);
            NodeDraft d = drafts.get(key);
            if (d == null) {
                d = new NodeDraft(level, kh, kl, nodeAt(level, kh, kl));
                drafts.put(key, d);
            }
            int previous = d.get(code);
            d.set(code, id);
            return previous;
        }
        int[] node = nodeAt(level, kh, kl);
        int n = node == null ? 0 : IntNode.extract(node, orig);
        int previous = IntNode.findPacked(orig, 0, n, code);
        n = IntNode.edit(orig, 0, n, code, id);
        store(level, kh, kl, n == 0 ? null : build(orig, n), coverOf);
        return previous;
    }

    private int[] build(int[] e, int n) {
        IntNode.paint(e, n, 0, slots);
        return IntNode.encode(slots, e, n, 0, scratch);
    }

    /** Builds every drafted node (once each). */
    void finish(LongToIntFunction coverOf) {
        if (drafts.isEmpty()) {
            return; // a single change, or a batch without unaligned IPv6 changes
        }
        for (NodeDraft d : drafts.values()) {
            store(d.level, d.kh, d.kl, d.n == 0 ? null : build(d.e, d.n), coverOf);
        }
        drafts.clear();
    }

    private int[] nodeAt(int level, long kh, long kl) {
        return Table6.nodeOf(levels, level, kh, kl);
    }

    /** Installs (or with null removes) the node of a key; a level-4 entry keeps its cover. */
    private void store(int level, long kh, long kl, int[] node, LongToIntFunction coverOf) {
        int h = Bucket6.hash(kh, kl);
        Bucket6 old = Table6.bucket(levels[level], h);
        int i = old == null ? -1 : old.find(h, kh, kl);
        if (i < 0 && node == null) {
            return;
        }
        if (shared(old)) {
            if (i >= 0) {
                old.setNodeShared(i, node);
                if (node == null && old.value(i) == 0) {
                    old.removeShared(i);
                }
                return;
            }
            if (old.putShared(h, kh, kl, level == 4 ? coverOf.applyAsInt(kh) : 0, node) >= 0) {
                return;
            } // no room: copied below
        }
        Bucket6 b = writable(level, h);
        i = b == old ? i : b.find(h, kh, kl); // a copy drops tombstones: slots move
        if (i < 0) {
            i = b.insert(h, kh, kl, level == 4 ? coverOf.applyAsInt(kh) : 0);
        }
        b.setNode(i, node);
        if (node == null && b.value(i) == 0) {
            b.remove(i);
            if (b.size == 0) {
                dropBucket(level, h);
            }
        }
    }

    /** Sets the cover of the level-4 entry of /32 {@code key}. */
    void setCover(long key, int cover) {
        setValue(4, key, 0, cover);
    }

    /**
     * Sets the cover of /32 {@code key}'s level-4 entry only if it has one (removing it when it
     * is left with neither cover nor node); returns whether it had one.
     */
    boolean updateCover(long key, int cover) {
        int h = Bucket6.hash(key, 0);
        Bucket6 b = Table6.bucket(levels[4], h);
        if (b == null || b.find(h, key, 0) < 0) {
            return false;
        }
        setValue(4, key, 0, cover);
        return true;
    }

    /**
     * Sets the value of a level entry (creating the entry for a non-zero value, removing it when
     * it has neither value nor node); returns the previous value.
     */
    private int setValue(int level, long kh, long kl, int value) {
        int h = Bucket6.hash(kh, kl);
        Bucket6 old = Table6.bucket(levels[level], h);
        int i = old == null ? -1 : old.find(h, kh, kl);
        if (i < 0) {
            if (value != 0 && !(shared(old) && old.putShared(h, kh, kl, value, null) >= 0)) {
                writable(level, h).insert(h, kh, kl, value);
            }
            return 0;
        }
        int previous = old.value(i);
        if (previous == value) {
            return previous;
        }
        if (shared(old)) {
            if (value == 0 && old.node(i) == null) {
                old.removeShared(i);
            } else {
                old.setValueShared(i, value);
            }
            return previous;
        }
        Bucket6 b = writable(level, h);
        i = b == old ? i : b.find(h, kh, kl);
        if (value == 0 && b.nodes[i] == null) {
            b.remove(i);
            if (b.size == 0) {
                dropBucket(level, h);
            }
        } else {
            b.setValue(i, value);
        }
        return previous;
    }

    /** The /32 keys of all level-4 entries in {@code [from, to)} (unsigned). */
    long[] level4KeysIn(long from, long to) {
        long[] out = new long[16];
        int n = 0;
        for (Bucket6 b : buckets(levels[4])) {
            for (int i = 0; i < b.capacity(); i++) {
                if (b.meta(i) != 0 && b.key(i) >= from && b.key(i) < to) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = b.key(i);
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The bucket of hash {@code h} at {@code level}, owned by this transaction (path copied on first use). */
    private Bucket6 writable(int level, int h) {
        if (!levelsOwned) {
            levels = levels.clone();
            levelsOwned = true;
        }
        Bucket6[][] dirs = levels[level];
        if (!levelOwned[level] || dirs == null) {
            dirs = dirs == null ? new Bucket6[Table6.DIR][] : dirs.clone();
            levels[level] = dirs;
            levelOwned[level] = true;
        }
        int d = Table6.dir(h);
        Bucket6[] bs = dirs[d];
        if (!dirOwned[level][d] || bs == null) {
            bs = bs == null ? new Bucket6[Table6.DIR] : bs.clone();
            dirs[d] = bs;
            dirOwned[level][d] = true;
        }
        int k = Table6.sub(h);
        Bucket6 b = bs[k];
        if (b == null || b.owner != serial) {
            b = b == null ? Bucket6.empty(serial, level > 8) : b.copy(serial);
            bs[k] = b;
        }
        mask |= 1 << level;
        return b;
    }

    /** Drops the (owned, now empty) bucket of hash {@code h}, and its directory and level when they empty. */
    private void dropBucket(int level, int h) {
        Bucket6[][] dirs = levels[level];
        Bucket6[] bs = dirs[Table6.dir(h)];
        bs[Table6.sub(h)] = null;
        if (!allNull(bs)) {
            return;
        }
        dirs[Table6.dir(h)] = null;
        if (!allNull(dirs)) {
            return;
        }
        levels[level] = null;
        levelOwned[level] = false;
        Arrays.fill(dirOwned[level], false);
        mask &= ~(1 << level);
    }

    private static boolean allNull(Object[] a) {
        for (Object o : a) {
            if (o != null) {
                return false;
            }
        }
        return true;
    }

    /** The non-empty buckets of a level's directory (none for null). */
    static List<Bucket6> buckets(Bucket6[][] dirs) {
        List<Bucket6> out = new ArrayList<>();
        if (dirs != null) {
            for (Bucket6[] bs : dirs) {
                if (bs != null) {
                    for (Bucket6 b : bs) {
                        if (b != null) {
                            out.add(b);
                        }
                    }
                }
            }
        }
        return out;
    }

    // ---- walk -----------------------------------------------------------------------------

    /** Receives one IPv6 prefix longer than /32 and its peer id. */
    interface Visitor {
        void accept(long hi, long lo, int len, int id);
    }

    /** Visits every prefix of the table, in no particular order. */
    static void walk(Table6 t, Visitor v) {
        for (int level = 4; level < Table6.LEVELS; level++) {
            for (Bucket6 b : buckets(t.levels()[level])) {
                for (int i = 0; i < b.capacity(); i++) {
                    if (b.meta(i) == 0) {
                        continue;
                    }
                    long kl = b.keyLo(i);
                    int value = b.value(i);
                    if (level > 4 && value != 0) { // the exact byte-aligned prefix /8L
                        long hi = level >= 8 ? b.key(i) : b.key(i) << (64 - 8 * level);
                        long lo = level <= 8 ? 0 : kl << (128 - 8 * level);
                        v.accept(hi, lo, 8 * level, value);
                    }
                    int[] node = b.node(i);
                    if (node == null) {
                        continue;
                    }
                    for (int k = 0, n = IntNode.originals(node); k < n; k++) {
                        int code = IntNode.code(node, k);
                        int l = Keys.bitsOf(code);
                        long byteVal = Keys.startOf(code);
                        long hi;
                        long lo;
                        if (level < 8) {
                            hi = (b.key(i) << (64 - 8 * level)) | byteVal << (56 - 8 * level);
                            lo = 0;
                        } else {
                            hi = b.key(i);
                            lo = (level == 8 ? 0 : kl << (128 - 8 * level)) | byteVal << (120 - 8 * level);
                        }
                        v.accept(hi, lo, 8 * level + l, IntNode.id(node, k));
                    }
                }
            }
        }
    }

    /** All entries of the table as {hi, lo, len, id} rows sorted by address, shorter first. */
    static List<long[]> sorted(Table6 t) {
        List<long[]> rows = new ArrayList<>();
        walk(t, (hi, lo, len, id) -> rows.add(new long[] {hi, lo, len, id}));
        rows.sort((x, y) -> {
            int c = Long.compareUnsigned(x[0], y[0]);
            if (c == 0) {
                c = Long.compareUnsigned(x[1], y[1]);
            }
            return c != 0 ? c : Long.compare(x[2], y[2]);
        });
        return rows;
    }
}
