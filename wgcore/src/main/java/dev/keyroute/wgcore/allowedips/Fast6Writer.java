package dev.keyroute.wgcore.allowedips;

import java.util.Arrays;
import java.util.HashMap;

/**
 * Writer side of {@link Fast6}. A transaction notes the IPv6 prefixes it changes
 * ({@link #touch}) and the /32s whose level-4 cover it refreshes ({@link #touch32}); at its end
 * {@link #sync} recomputes the entries under them from the finished {@link Table6}, or rebuilds
 * the whole index when the transaction touched a large part of it. Single changes write in
 * place, batches copy what they change (see {@link Fast6}). Writer-only, reused between
 * transactions.
 */
final class Fast6Writer {
    /**
     * Transactions touching more IPv6 prefixes than this and than 1/16 of the whole table rebuild
     * the index (measured: an incremental sync of a 174k-prefix load took 231 ms).
     */
    private static final int REBUILD_MIN = 4096;
    private static final int MIN_CAPACITY = 8;

    private long[][] dir = Fast6.empty();
    private byte[] caps = Fast6.emptyCapacities();
    private boolean inPlace;
    private boolean dirOwned;
    private boolean capsOwned;
    private final long[] segOwned = new long[Fast6.SEGMENTS / 64];
    private boolean anyOwned;
    /** Per /48 ({@code hi >>> 16}): how many originals longer than /48 it holds. Changed only by {@link #sync}. */
    private final HashMap<Long, Integer> deep = new HashMap<>();
    /** Changed prefixes of the running transaction: address half, length, change in count (+1, 0, -1). */
    private long[] touchedHi = new long[64];
    private int[] touchedLenDelta = new int[64];
    private int touched;
    private long[] touched32 = new long[64];
    private int touchedCovers;
    private boolean rebuild;
    /**
     * One bit per hash of a level-4 or level-5 key of {@link Table6}: set when an original that
     * {@link Table6} keeps in that key's node (lengths 33..39, 41..47) is added, cleared only by a
     * rebuild. A clear bit means the key has no node, so a removal's refresh skips probing it.
     */
    private final long[] mayHaveNode = new long[1 << 15];

    void begin(long[][] published, byte[] publishedCaps) {
        dir = published;
        caps = publishedCaps;
        dirOwned = false;
        capsOwned = false;
        if (anyOwned) {
            Arrays.fill(segOwned, 0);
            anyOwned = false;
        }
        touched = 0;
        touchedCovers = 0;
        rebuild = false;
    }

    long[][] table() {
        return dir;
    }

    /** The capacity array that goes with {@link #table}. */
    byte[] capacities() {
        return caps;
    }

    /** Starts the read of the index entry a single change of {@code hi/len} (33..128) will rewrite (see {@link Writer4#prefetch}). */
    long prefetch(long hi, int len) {
        long[] seg = Fast6.segment(dir, Fast6.group(hi));
        if (seg == null) {
            return 0;
        }
        long code = Fast6.code(hi, Fast6.strideOf(Math.min(len, Fast6.DEEPEST)));
        return seg[Fast6.home(code, Fast6.bitsOf(seg)) + 1];
    }

    /** Notes a change of the IPv6 prefix {@code hi/len} (33..128) that changed the count of prefixes by {@code delta}. */
    void touch(long hi, int len, int delta) {
        if (touched == touchedHi.length) {
            touchedHi = Arrays.copyOf(touchedHi, touched * 2);
            touchedLenDelta = Arrays.copyOf(touchedLenDelta, touched * 2);
        }
        touchedHi[touched] = hi;
        touchedLenDelta[touched++] = len << 2 | (delta + 1);
    }

    /** Notes that the level-4 entry of /32 {@code key} may have changed. */
    void touch32(long key) {
        if (touchedCovers == touched32.length) {
            touched32 = Arrays.copyOf(touched32, touchedCovers * 2);
        }
        touched32[touchedCovers++] = key;
    }

    /** Everything is gone: the next {@link #sync} rebuilds from the table. */
    void clear() {
        rebuild = true;
        touched = 0;
        touchedCovers = 0;
    }

    /**
     * Brings the index in step with the finished table {@code t6} and short trie {@code covers}
     * ({@code size}: prefixes in the whole table). {@code single}: the transaction's only change,
     * written in place.
     */
    void sync(Table6 t6, Covers6 covers, int size, boolean single) {
        if (rebuild || (touched > REBUILD_MIN && touched > size / 16)) {
            rebuildFrom(t6, covers);
            return;
        }
        inPlace = single;
        for (int i = 0; i < touched; i++) {
            long hi = touchedHi[i];
            int len = touchedLenDelta[i] >>> 2;
            if (len > Fast6.DEEPEST) {
                long k = hi >>> 16;
                int n = deep.getOrDefault(k, 0) + (touchedLenDelta[i] & 3) - 1;
                if (n == 0) {
                    deep.remove(k);
                } else {
                    deep.put(k, n);
                }
                refresh(t6, Fast6.DEEPEST, hi & -(1L << 16), false);
                continue;
            }
            int t = Fast6.strideOf(len);
            boolean removedExact = len == t && (touchedLenDelta[i] & 3) == 0;
            if (!Table6.aligned(len) && (touchedLenDelta[i] & 3) != 0) {
                markNode(hi, len);
            }
            long base = hi & -(1L << (64 - len));
            for (long j = 0, n = 1L << (t - len); j < n; j++) {
                refresh(t6, t, base + (j << (64 - t)), removedExact);
            }
            if (len < 40) { // its level-4 node changed: the /32's level-4 entry may have come or gone
                refresh32(t6, covers, hi >>> 32);
            }
        }
        for (int i = 0; i < touchedCovers; i++) {
            refresh32(t6, covers, touched32[i]);
        }
        touched = 0;
        touchedCovers = 0;
    }

    /**
     * Recomputes the stride-{@code t} entry of key {@code hi} (36..48). {@code removedExact}: the
     * change removed the /t itself, so only the node's shorter lengths can remain.
     */
    private void refresh(Table6 t6, int t, long hi, boolean removedExact) {
        int v = removedExact && !maybeNode(hi, t - 1) ? 0 : t6.longestIn(hi, t);
        if (t == Fast6.DEEPEST && deep.containsKey(hi >>> 16)) {
            v = Fast6.DEFER;
        }
        set(hi, Fast6.code(hi, t), v == 0 ? -1 : Math.min(v, Fast6.DEFER));
    }

    /**
     * Recomputes the stride-32 entry of /32 {@code key}: present with the cover iff {@link Table6}
     * has a level-4 entry or an original /29../31 covers the /32 ({@link Covers6}).
     */
    private void refresh32(Table6 t6, Covers6 covers, long key) {
        int level4 = t6.level4(key);
        int cover = level4 >= 0 ? level4 : covers.pushedCover(key);
        long hi = key << 32;
        set(hi, Fast6.code(hi, Fast6.SHALLOWEST), cover < 0 ? -1 : Math.min(cover, Fast6.DEFER));
    }

    private static int nodeBit(long hi, int len) {
        int level = (len - 1) >>> 3;
        long h = (hi >>> (64 - 8 * level)) * 0x9E3779B97F4A7C15L + level;
        return (int) (h >>> 43); // 21 bits
    }

    private void markNode(long hi, int len) {
        int b = nodeBit(hi, len);
        mayHaveNode[b >>> 6] |= 1L << b;
    }

    /** Whether the node holding length {@code len} (unaligned) on {@code hi}'s path may exist. */
    private boolean maybeNode(long hi, int len) {
        int b = nodeBit(hi, len);
        return (mayHaveNode[b >>> 6] & 1L << b) != 0;
    }

    /** Rebuilds the index from the table and the short trie into new arrays (deep counts too). */
    private void rebuildFrom(Table6 t6, Covers6 covers) {
        inPlace = false;
        dir = Fast6.empty();
        dirOwned = true;
        caps = Fast6.emptyCapacities();
        capsOwned = true;
        Arrays.fill(segOwned, 0);
        anyOwned = true;
        deep.clear();
        Arrays.fill(mayHaveNode, 0);
        long[][] byLen = new long[Fast6.DEEPEST + 1][];
        int[] count = new int[Fast6.DEEPEST + 1];
        Writer6.walk(t6, (hi, lo, len, id) -> {
            if (len > Fast6.DEEPEST) {
                deep.merge(hi >>> 16, 1, Integer::sum);
                return;
            }
            if (!Table6.aligned(len)) {
                markNode(hi, len);
            }
            if (byLen[len] == null) {
                byLen[len] = new long[64];
            } else if (count[len] == byLen[len].length / 2) {
                byLen[len] = Arrays.copyOf(byLen[len], count[len] * 4);
            }
            byLen[len][2 * count[len]] = hi;
            byLen[len][2 * count[len]++ + 1] = id;
        });
        for (int len = Fast6.SHALLOWEST + 1; len <= Fast6.DEEPEST; len++) { // shorter first: a longer one overwrites
            int t = Fast6.strideOf(len);
            for (int i = 0; i < count[len]; i++) {
                long hi = byLen[len][2 * i];
                int v = (int) Math.min(byLen[len][2 * i + 1], Fast6.DEFER);
                for (long j = 0, n = 1L << (t - len); j < n; j++) {
                    long k = hi + (j << (64 - t));
                    set(k, Fast6.code(k, t), v);
                }
            }
        }
        for (Long k : deep.keySet()) {
            long hi = k << 16;
            set(hi, Fast6.code(hi, Fast6.DEEPEST), Fast6.DEFER);
        }
        t6.forEachLevel4((key, cover) -> set(key << 32, Fast6.code(key << 32, Fast6.SHALLOWEST), Math.min(cover, Fast6.DEFER)));
        covers.forEachPushed(key -> set(key << 32, Fast6.code(key << 32, Fast6.SHALLOWEST), Math.min(covers.cover(key), Fast6.DEFER)));
        rebuild = false;
        touched = 0;
        touchedCovers = 0;
    }

    // ---- segments -------------------------------------------------------------------------

    /** Sets the entry of {@code code} (of address half {@code hi}) to {@code value}, or removes it for -1. */
    private void set(long hi, long code, int value) {
        long[] seg = Fast6.segment(dir, Fast6.group(hi));
        int at = seg == null ? -1 : indexOf(seg, code);
        if (value < 0) {
            if (at >= 0) {
                remove(hi, at);
            }
            return;
        }
        long e = Fast6.entry(code, value);
        if (at >= 0) {
            if (seg[at + 1] != e) {
                Fast6.ENTRY.setRelease(writable(hi), at + 1, e);
            }
            return;
        }
        seg = writable(hi);
        int cap = seg.length - 1;
        if ((live(seg) + tombs(seg) + 1) * 4L > cap * 3L) {
            seg = rehash(hi, seg, live(seg) + 1);
        }
        int mask = cap(seg) - 1;
        int i = Fast6.home(code, Fast6.bitsOf(seg));
        while (seg[i + 1] != Fast6.FREE && seg[i + 1] != Fast6.TOMB) {
            i = (i + 1) & mask;
        }
        seg[0] = header(live(seg) + 1, tombs(seg) - (seg[i + 1] == Fast6.TOMB ? 1 : 0));
        Fast6.ENTRY.setRelease(seg, i + 1, e);
    }

    private void remove(long hi, int at) {
        long[] seg = writable(hi);
        int live = live(seg) - 1;
        if (live == 0) {
            install(hi, null);
            return;
        }
        seg[0] = header(live, tombs(seg) + 1);
        Fast6.ENTRY.setRelease(seg, at + 1, Fast6.TOMB);
    }

    /** Index (from 0) of the entry with {@code code}, or -1. */
    private static int indexOf(long[] seg, long code) {
        int mask = cap(seg) - 1;
        for (int i = Fast6.home(code, Fast6.bitsOf(seg)); ; i = (i + 1) & mask) {
            long e = seg[i + 1];
            if (e == Fast6.FREE) {
                return -1;
            }
            if (e >>> Fast6.VALUE_BITS == code) {
                return i;
            }
        }
    }

    /** A copy of {@code seg} without tombstones, sized for {@code need} entries, installed in its place. */
    private long[] rehash(long hi, long[] seg, int need) {
        int cap = MIN_CAPACITY;
        while (need * 2 > cap) { // at most half full after a rehash
            cap *= 2;
        }
        long[] fresh = new long[cap + 1];
        int mask = cap - 1;
        int bits = Fast6.bitsOf(fresh);
        for (int j = 1; j < seg.length; j++) {
            long e = seg[j];
            if (e != Fast6.FREE && e != Fast6.TOMB) {
                int i = Fast6.home(e >>> Fast6.VALUE_BITS, bits);
                while (fresh[i + 1] != Fast6.FREE) {
                    i = (i + 1) & mask;
                }
                fresh[i + 1] = e;
            }
        }
        fresh[0] = header(live(seg), 0);
        install(hi, fresh);
        return fresh;
    }

    /**
     * The segment of {@code hi}'s /32, created if absent, that this transaction may change: in
     * place for a single change, else copied on first change (the directory too).
     */
    private long[] writable(long hi) {
        int i = Fast6.index(Fast6.group(hi));
        long[][] d = writableDir();
        long[] seg = d[i];
        if (seg == null) {
            seg = new long[MIN_CAPACITY + 1];
            own(i);
            store(d, i, seg);
        } else if (!inPlace && !owned(i)) {
            seg = seg.clone();
            own(i);
            d[i] = seg;
        }
        return seg;
    }

    /** The directory this transaction may change: the published one in place, else a copy made on first change. */
    private long[][] writableDir() {
        if (!inPlace && !dirOwned) {
            dir = dir.clone();
            dirOwned = true;
        }
        return dir;
    }

    /** Puts {@code seg} (null: none) as the segment of {@code hi}'s /32. */
    private void install(long hi, long[] seg) {
        int i = Fast6.index(Fast6.group(hi));
        if (seg != null) {
            own(i);
        }
        store(writableDir(), i, seg);
    }

    /**
     * Puts {@code seg} in slot {@code i} of directory {@code d}, and its capacity in the capacity
     * array. In place, a reader may see the new segment with the old capacity or the other way
     * round: {@link Fast6#lookup} checks the length and then reads the segment by its own.
     */
    private void store(long[][] d, int i, long[] seg) {
        byte cap = Fast6.capacityOf(seg);
        if (inPlace) {
            Fast6.SEGMENT.setRelease(d, i, seg); // complete before readers can reach it
            if (caps[i] != cap) {
                Fast6.CAPACITY.setRelease(caps, i, cap);
            }
        } else {
            d[i] = seg;
            if (caps[i] != cap) {
                if (!capsOwned) {
                    caps = caps.clone();
                    capsOwned = true;
                }
                caps[i] = cap;
            }
        }
    }

    private boolean owned(int i) {
        return (segOwned[i >>> 6] & 1L << i) != 0;
    }

    private void own(int i) {
        segOwned[i >>> 6] |= 1L << i;
        anyOwned = true;
    }

    private static int cap(long[] seg) {
        return seg.length - 1;
    }

    private static int live(long[] seg) {
        return (int) seg[0];
    }

    private static int tombs(long[] seg) {
        return (int) (seg[0] >>> 32);
    }

    private static long header(int live, int tombs) {
        return (long) tombs << 32 | live;
    }
}
