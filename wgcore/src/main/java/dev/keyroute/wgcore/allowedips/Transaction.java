package dev.keyroute.wgcore.allowedips;

/**
 * One writer transaction over the AllowedIPs structures: IPv4 prefixes longer than /16 go to the
 * flat IPv4 table ({@link Writer4}); IPv4 prefixes up to /16 and all IPv6 prefixes go to the
 * chunk tries, where changes are applied to {@link Draft}s along the touched paths (thawed
 * lazily, changed in place, never visible to readers) or, for a single change, by
 * {@link PathCopy}. The per-peer index and peer ids are kept in step. {@link #finish()} freezes
 * drafts, builds drafted IPv4 blocks and refreshes the IPv4 covers of the /16 blocks under
 * changed short prefixes; the caller publishes the result. Used under the writer lock only, and
 * reused between transactions.
 *
 * <p>Roots ({@link #v4}: IPv4 /0../16, {@link #v6}) are a {@link Chunk}, a {@link Draft} or null.
 */
final class Transaction {
    /** IPv4 prefixes longer than this live in the flat table. */
    static final int SHORT_V4 = 16;
    /** IPv6 prefixes longer than this live in the flat table. */
    static final int SHORT_V6 = 32;

    private final PeerIndex index;
    private final PeerIds ids;
    private final Freezer freezer = new Freezer();
    /** Freezes the IPv6 root, which {@link #finish6} may do on another thread than {@link #finish4}. */
    private final Freezer freezer6 = new Freezer();
    /**
     * A {@link #removeByPeer} outside a batch removes the IPv6 half on a second thread when the
     * peer has at least this many flat prefixes of each family (0: never).
     */
    private final int parallelMin;
    private final PathCopy pathCopy = new PathCopy();
    private final Writer4 w4 = new Writer4();
    private final Writer6 w6 = new Writer6();
    private final Fast6Writer f6 = new Fast6Writer();
    private final Covers6 covers6;
    /** /32 keys [cover6From, cover6To) whose existing IPv6 level-4 entries may need a new cover. */
    private long cover6From;
    private long cover6To;
    /** Short IPv6 prefixes of length 24..32 changed: each /32 under them gets its cover refreshed (entries made). */
    private long[] cover6Ranges = new long[16];
    private int cover6RangeCount;
    private int[] coverIds = new int[256];
    /** /16 blocks [coverFrom, coverTo) whose covers may have changed. */
    private int coverFrom;
    private int coverTo;

    Object v4;
    Object v6;
    int size;
    boolean changed;
    /**
     * A single change outside a batch: the IPv4 slots, the IPv6 lookup index (and, through
     * {@link Writer6#inPlace}, the IPv6 buckets) are written in place.
     */
    private boolean inPlace;
    /**
     * Where {@link #prefetch} reads go, so that the JIT keeps them (never read; a plain field, so
     * the store costs nothing next to the misses it overlaps).
     */
    @SuppressWarnings("unused")
    private long sink;
    Transaction(PeerIndex index, PeerIds ids, int parallelMin) {
        this.index = index;
        this.ids = ids;
        this.covers6 = new Covers6(ids);
        this.parallelMin = parallelMin;
    }

    /** Starts a transaction; {@code settle}: apply a pending index update now (a single change does in {@link #prepare}). */
    void begin(Chunk v4, Table4 table4, Chunk v6, Table6 table6, long[][] fast6, byte[] fast6Caps, int size, boolean settle) {
        if (settle) {
            settle();
        }
        this.v4 = v4;
        this.v6 = v6;
        this.size = size;
        this.changed = false;
        this.inPlace = false;
        this.coverFrom = Integer.MAX_VALUE;
        this.coverTo = Integer.MIN_VALUE;
        w4.begin(table4);
        w6.begin(table6);
        f6.begin(fast6, fast6Caps);
        this.cover6From = Long.MAX_VALUE;
        this.cover6To = Long.MIN_VALUE;
        this.cover6RangeCount = 0;
    }

    /**
     * Freezes the working roots and builds the IPv4 table and the IPv6 index; afterwards both
     * roots are chunks or null. Nothing is left to do on a second call.
     */
    void finish() {
        finish4();
        finish6();
    }

    /** {@link #finish} of the IPv4 structures: reads and writes nothing of the IPv6 ones. */
    private void finish4() {
        if (v4 instanceof Draft d) {
            v4 = freezer.freeze(d, null, 0);
        }
        w4.finish();
        if (coverFrom < coverTo) {
            refreshCovers();
        }
    }

    /** {@link #finish} of the IPv6 structures: reads and writes nothing of the IPv4 ones. */
    private void finish6() {
        if (v6 instanceof Draft d) {
            v6 = freezer6.freeze(d, null, 0);
        }
        w6.finish(this::cover6);
        if (cover6From < cover6To || cover6RangeCount > 0) {
            refreshCovers6();
        }
        f6.sync(w6.table(), covers6.at(v6), size, inPlace);
    }

    Chunk root4() {
        return (Chunk) v4;
    }

    Table4 table4() {
        return w4.table();
    }

    Chunk root6() {
        return (Chunk) v6;
    }

    Table6 table6() {
        return w6.table();
    }

    long[][] fast6() {
        return f6.table();
    }

    byte[] fast6Capacities() {
        return f6.capacities();
    }

    private static boolean flat(boolean ipv6, int len) {
        return len > (ipv6 ? SHORT_V6 : SHORT_V4);
    }

    /**
     * Starts the table reads a single change of a flat prefix waits for, before any of them is
     * needed, so that their cache misses overlap instead of following one another (with the
     * loaded 1.2M table most of them miss: measured, IPv4 insert p50 1.50 -> 1.20 us and IPv6
     * insert 3.4 -> 3.2 us, same JVM, alternating per change). For a short IPv6 prefix, the
     * level-4 entries of its /32s (and for a /32 its index entry). Returns what was read, for
     * {@link #sink}.
     */
    private long prefetch(boolean ipv6, long hi, long lo, int len) {
        if (flat(ipv6, len)) {
            return ipv6 ? w6.prefetch(hi, lo, len) + f6.prefetch(hi, len) : w4.prefetch(addr(hi));
        }
        if (!ipv6 || len < SHORT_V6 - 8) {
            return 0; // an IPv4 cover change writes one cover slot per /16, in line with the slot arrays' lengths
        }
        if (len == SHORT_V6) { // its /32's level-4 entry and index entry
            return w6.prefetch(hi, 0, SHORT_V6) + f6.prefetch(hi, SHORT_V6);
        }
        long s = 0; // a /24../31 probes the level-4 entries of its /32s (at most 8 loaded ahead)
        for (long k = hi >>> 32, end = k + Math.min(1L << (SHORT_V6 - len), 8); k < end; k++) {
            s += w6.prefetch(k << 32, 0, SHORT_V6);
        }
        return s;
    }

    private int flatGet(boolean ipv6, long hi, long lo, int len) {
        return ipv6 ? w6.get(hi, lo, len) : w4.get(addr(hi), len);
    }

    private void flatSet(boolean ipv6, long hi, long lo, int len, int id, boolean single) {
        if (ipv6) {
            w6.set(hi, lo, len, id, single, this::cover6);
        } else {
            w4.set(addr(hi), len, id, single);
        }
    }

    private static int addr(long hi) {
        return (int) (hi >>> 32);
    }

    /**
     * Maps the exact prefix to {@code peer}; returns the previous peer or null. {@code single}:
     * the only change of this transaction, so the path may be copied directly ({@link PathCopy})
     * instead of drafted.
     */
    Object insert(boolean ipv6, long hi, long lo, int len, Object peer, boolean single) {
        inPlace = single;
        w6.inPlace(single);
        if (flat(ipv6, len)) {
            if (!single && !ipv6) { // bulk loads: one draft search for read and write
                int prev = w4.put(addr(hi), len, ids.idOf(peer));
                Object previous = prev == 0 ? null : ids.peer(prev);
                return previous == peer ? previous : indexInsert(previous, peer, ipv6, hi, lo, len);
            }
            int prev = flatGet(ipv6, hi, lo, len);
            Object previous = prev == 0 ? null : ids.peer(prev);
            if (previous == peer) {
                return previous;
            }
            flatSet(ipv6, hi, lo, len, ids.idOf(peer), single);
            if (ipv6) {
                f6.touch(hi, len, previous == null ? 1 : 0);
            }
            return indexInsert(previous, peer, ipv6, hi, lo, len);
        }
        int level = Keys.homeLevel(len);
        int code = Keys.code(hi, lo, len, level);
        Object root = ipv6 ? v6 : v4;
        Object previous = peerAt(home(root, hi, lo, level), code);
        if (previous == peer) {
            return previous;
        }
        if (!single || !copyPath(ipv6, root, hi, lo, level, code, peer)) {
            thaw(ipv6, hi, lo, level).put(code, peer);
        }
        markCovers(ipv6, hi, len);
        return indexInsert(previous, peer, ipv6, hi, lo, len);
    }

    private Object indexInsert(Object previous, Object peer, boolean ipv6, long hi, long lo, int len) {
        if (previous != null) {
            unindex(previous, ipv6, hi, lo, len);
        } else {
            size++;
        }
        index.add(peer, ipv6, hi, lo, len);
        changed = true;
        return previous;
    }

    private void unindex(Object peer, boolean ipv6, long hi, long lo, int len) {
        if (index.remove(peer, ipv6, hi, lo, len)) {
            ids.release(peer);
        }
    }

    /**
     * Removes the exact prefix if present and (when {@code expected} is not null) mapped to
     * {@code expected}; returns the removed peer or null.
     */
    Object remove(boolean ipv6, long hi, long lo, int len, Object expected, boolean single) {
        inPlace = single;
        w6.inPlace(single);
        if (flat(ipv6, len)) {
            int prev = flatGet(ipv6, hi, lo, len);
            Object previous = prev == 0 ? null : ids.peer(prev);
            if (previous == null || (expected != null && previous != expected)) {
                return null;
            }
            flatSet(ipv6, hi, lo, len, 0, single);
            if (ipv6) {
                f6.touch(hi, len, -1);
            }
            return unindexRemoved(previous, ipv6, hi, lo, len, single);
        }
        int level = Keys.homeLevel(len);
        int code = Keys.code(hi, lo, len, level);
        Object root = ipv6 ? v6 : v4;
        Object previous = peerAt(home(root, hi, lo, level), code);
        if (previous == null || (expected != null && previous != expected)) {
            return null;
        }
        if (!single || !copyPath(ipv6, root, hi, lo, level, code, null)) {
            thaw(ipv6, hi, lo, level).remove(code);
        }
        markCovers(ipv6, hi, len);
        return unindexRemoved(previous, ipv6, hi, lo, len, single);
    }

    /**
     * Starts the reads a single change of {@code hi/len} ({@code peer}: an insert's, else null) and
     * the pending index update wait for, then applies that update; after {@link #begin} without settling.
     */
    void prepare(boolean ipv6, long hi, long lo, int len, Object peer) {
        long s = prefetch(ipv6, hi, lo, len);
        if (peer != null) {
            s += index.prefetch(peer, ipv6, hi, lo, len);
        }
        sink += s + index.prefetchPending();
        settle();
    }

    /** Applies the index update a single remove left pending, if any (see {@link PeerIndex#removeLater}). */
    void settle() {
        Object gone = index.settle();
        if (gone != null) {
            ids.release(gone);
        }
    }

    /** Accounts for a removal; a single one leaves its index update to the next operation. */
    private Object unindexRemoved(Object previous, boolean ipv6, long hi, long lo, int len, boolean single) {
        if (single) {
            index.removeLater(previous, ipv6, hi, lo, len);
        } else {
            unindex(previous, ipv6, hi, lo, len);
        }
        size--;
        changed = true;
        return previous;
    }

    /**
     * Gives {@code peer} an id if it has none; true if it got one. A single IPv4 change writes
     * slots in place, so the caller publishes a new id before the change (see {@link Table4}).
     */
    boolean assignId(Object peer) {
        if (ids.existing(peer) != 0) {
            return false;
        }
        ids.idOf(peer);
        return true;
    }

    // ---- hooks for BulkInsert ---------------------------------------------------------------

    PeerIds ids() {
        return ids;
    }

    PeerIndex index() {
        return index;
    }

    /** Drafts {@code addr/len} (17..32) → peer {@code id} in the flat IPv4 table without touching the index; returns the previous id. */
    int putFlat4(int addr, int len, int id) {
        return w4.put(addr, len, id);
    }

    /** Removes a replaced flat IPv4 mapping ({@link PrefixSet4} key) from its former peer's index entry. */
    void unindexFlat4(Object peer, long key) {
        unindex(peer, false, PrefixSet4.hiOf(key), 0, PrefixSet4.lenOf(key));
    }

    /** Accounts for {@code added} new prefixes put by {@link #putFlat4}. */
    void accountInserted(int added) {
        size += added;
        changed = true;
    }

    /**
     * Removes every prefix of the peer, visiting only that peer's prefixes. {@code single}: the
     * only change of the transaction, so the IPv4 /17../32 part is written in place.
     */
    int removeByPeer(Object peer, boolean single) {
        inPlace = single;
        PeerPrefixes own = index.take(peer);
        if (own == null) {
            return 0;
        }
        int id = ids.existing(peer);
        long[] blocks = new long[1 << 10]; // one bit per /16 block with a flat IPv4 prefix of the peer
        Flat6Removal flat6 = new Flat6Removal(own.size());
        int[] flat4 = {0};
        own.forEach((ipv6, hi, lo, len) -> {
            if (!ipv6 && len > SHORT_V4) { // marked: each /16 block is rebuilt once below
                int b16 = addr(hi) >>> 16;
                blocks[b16 >>> 6] |= 1L << b16;
                flat4[0]++;
                return;
            }
            if (flat(ipv6, len)) { // IPv6 (the flat IPv4 ones went to blocks above): collected, removed by bucket below
                flat6.add(hi, lo, len);
                f6.touch(hi, len, -1);
                return;
            }
            int level = Keys.homeLevel(len);
            if (thaw(ipv6, hi, lo, level).remove(Keys.code(hi, lo, len, level)) != peer) {
                throw new AssertionError("peer index out of sync with trie");
            }
            markCovers(ipv6, hi, len);
        });
        int removed = own.size();
        size -= removed;
        changed = true;
        if (single && parallelMin > 0 && flat4[0] >= parallelMin && flat6.size() >= parallelMin) {
            removeInHalves(blocks, flat4[0], flat6, id);
        } else {
            removeFromBlocks(blocks, flat4[0], id);
            flat6.removeFrom(w6, id, this::cover6);
        }
        ids.release(peer);
        return removed;
    }

    /**
     * The end of a big peer's removal (the transaction's only change): the IPv6 half (its flat
     * prefixes, then {@link #finish6}) is offered to a pool thread while this one does the IPv4
     * half ({@link #removeFromBlocks}, then {@link #finish4}), and done here if no pool thread
     * took it meanwhile. The halves share no mutable state (the id table is only read until both
     * are done). Measured on the 100k-prefix peer: they take about 35 and 25 ms.
     */
    private void removeInHalves(long[] blocks, int n4, Flat6Removal flat6, int id) {
        SideTask half6 = SideTask.fork(() -> {
            flat6.removeFrom(w6, id, this::cover6);
            finish6();
        });
        try {
            removeFromBlocks(blocks, n4, id);
            finish4();
        } finally {
            half6.join(); // after this, the IPv6 half's writes are visible here
        }
    }

    /** Removes peer {@code id} from the IPv4 /16 blocks marked in {@code blocks}, in address order; {@code n} prefixes are expected. */
    private void removeFromBlocks(long[] blocks, int n, int id) {
        int removed = 0;
        for (int w = 0; w < blocks.length; w++) {
            for (long bits = blocks[w]; bits != 0; bits &= bits - 1) {
                int b16 = w << 6 | Long.numberOfTrailingZeros(bits);
                removed += inPlace ? w4.removeIdInPlace(b16, id) : w4.removeId(b16, id);
            }
        }
        if (removed != n) {
            throw new AssertionError("peer index out of sync with IPv4 table: " + removed + " of " + n);
        }
    }

    /** Applies one change by {@link PathCopy} if the root is still a chunk; false if declined. */
    private boolean copyPath(boolean ipv6, Object root, long hi, long lo, int level, int code, Object peer) {
        if (!(root instanceof Chunk r)) {
            return false;
        }
        Chunk fresh = pathCopy.apply(r, hi, lo, level, code, peer);
        if (fresh == null) {
            return false;
        }
        if (ipv6) {
            v6 = fresh;
        } else {
            v4 = fresh;
        }
        return true;
    }

    /** Exact-match peer in the working state, or null. */
    Object get(boolean ipv6, long hi, long lo, int len) {
        if (flat(ipv6, len)) {
            int id = flatGet(ipv6, hi, lo, len);
            return id == 0 ? null : ids.peer(id);
        }
        int level = Keys.homeLevel(len);
        return peerAt(home(ipv6 ? v6 : v4, hi, lo, level), Keys.code(hi, lo, len, level));
    }

    void clear() {
        if (size > 0) {
            changed = true;
        }
        v4 = null;
        v6 = null;
        size = 0;
        index.clear();
        ids.clear();
        w4.clear();
        w6.clear();
        f6.clear();
        cover6From = Long.MAX_VALUE;
        cover6To = Long.MIN_VALUE;
        cover6RangeCount = 0;
        coverFrom = Integer.MAX_VALUE;
        coverTo = Integer.MIN_VALUE;
    }

    /** Notes that the covers under the short prefix {@code hi/len} may change. */
    private void markCovers(boolean ipv6, long hi, int len) {
        if (ipv6) {
            long from = hi >>> 32;
            if (len >= SHORT_V6 - 8) {
                if (cover6RangeCount == cover6Ranges.length) {
                    cover6Ranges = java.util.Arrays.copyOf(cover6Ranges, cover6RangeCount * 2);
                }
                cover6Ranges[cover6RangeCount++] = from << 8 | (SHORT_V6 - len);
            } else {
                cover6From = Math.min(cover6From, from);
                cover6To = Math.max(cover6To, from + (1L << (SHORT_V6 - len)));
            }
            return;
        }
        int from = addr(hi) >>> 16;
        coverFrom = Math.min(coverFrom, from);
        coverTo = Math.max(coverTo, from + (1 << (SHORT_V4 - len)));
    }

    /** Recomputes the covers of the marked /16 blocks from the frozen short-prefix trie. */
    private void refreshCovers() {
        int n = coverTo - coverFrom;
        if (coverIds.length < n) {
            coverIds = new int[Math.max(n, coverIds.length * 2)];
        }
        Chunk root = (Chunk) v4;
        Object lastPeer = null;
        int lastId = 0;
        for (int i = 0; i < n; i++) {
            int b16 = coverFrom + i;
            Object p = null;
            if (root != null) {
                p = root.get(b16 >>> 8);
                if (p instanceof Chunk c) {
                    p = c.get(b16 & 0xff);
                }
            }
            if (p != lastPeer) {
                lastPeer = p;
                lastId = p == null ? 0 : ids.idOf(p);
            }
            coverIds[i] = lastId;
        }
        w4.setCovers(coverFrom, coverTo, coverIds, inPlace);
        coverFrom = Integer.MAX_VALUE;
        coverTo = Integer.MIN_VALUE;
    }

    /** The node (draft or chunk) at {@code level} on the key's path, or null. */
    private static Object home(Object root, long hi, long lo, int level) {
        Object n = root;
        for (int i = 0; i < level && n != null; i++) {
            int s = Keys.byteAt(hi, lo, i);
            n = n instanceof Draft d ? d.childView(s) : ((Chunk) n).child(s);
        }
        return n;
    }

    private static Object peerAt(Object node, int code) {
        if (node instanceof Draft d) {
            return d.peerOf(code);
        }
        return node == null ? null : ((Chunk) node).peerOf(code);
    }

    /** Drafts the path to {@code level} and returns the draft there. */
    private Draft thaw(boolean ipv6, long hi, long lo, int level) {
        Object root = ipv6 ? v6 : v4;
        Draft d;
        if (root instanceof Draft rd) {
            d = rd;
        } else {
            d = new Draft((Chunk) root);
            if (ipv6) {
                v6 = d;
            } else {
                v4 = d;
            }
        }
        for (int i = 0; i < level; i++) {
            d = d.thawKid(Keys.byteAt(hi, lo, i));
        }
        return d;
    }

    /**
     * Refreshes the covers of IPv6 /32 keys under changed short prefixes: the /32 of a changed
     * /32 prefix (so it gets a level-4 entry, and lookups in it skip the short trie), and the
     * existing entries under shorter ones. The /32s under a changed /29../31 also go to the
     * lookup index, which gives them a stride-32 entry of their own ({@link Covers6}); other /32s
     * under shorter prefixes are answered by the short trie. Until stop 13 every /32 under a
     * /24../31 got a level-4 entry: a /29 made 8 entries in the table and in the lookup index, and
     * most of its single changes took over 10 us.
     */
    private void refreshCovers6() {
        for (int r = 0; r < cover6RangeCount; r++) {
            long from = cover6Ranges[r] >>> 8;
            int span = (int) cover6Ranges[r] & 0xff;
            for (long k = from, to = from + (1L << span); k < to; k++) {
                if (span == 0) {
                    w6.setCover(k, cover6(k));
                } else if (!w6.updateCover(k, cover6(k)) && span > SHORT_V6 - Covers6.PUSHED_MIN) {
                    continue; // no entry before, none after: the index has none either
                }
                f6.touch32(k);
            }
        }
        cover6RangeCount = 0;
        if (cover6From < cover6To) {
            for (long k : w6.level4KeysIn(cover6From, cover6To)) {
                w6.setCover(k, cover6(k));
                f6.touch32(k);
            }
        }
        cover6From = Long.MAX_VALUE;
        cover6To = Long.MIN_VALUE;
    }

    /** Peer id of the longest prefix /0../32 covering /32 {@code key} in the (frozen) short trie. */
    private int cover6(long key) {
        return covers6.at(v6).cover(key);
    }
}
