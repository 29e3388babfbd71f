package dev.keyroute.wgcore.allowedips;

import dev.keyroute.config.Prefix;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * WireGuard's AllowedIPs: a longest-prefix-match table from IPv4/IPv6 prefixes to peers. Outbound,
 * {@link #lookup} on the destination picks the peer; inbound, the decrypted source must look up to
 * the peer it came from (cryptokey reverse-path filter). An exact prefix maps to at most one peer;
 * peers are compared by identity.
 *
 * <h2>Structure</h2>
 * Each family has two parts, split where a real table's prefixes start to crowd:
 * <ul>
 *   <li><b>Short prefixes</b> (IPv4 /0../16, IPv6 /0../32) live in a multibit chunk trie with
 *       8-bit strides ({@link Chunk}: 256 run-length compressed slots, leaf pushing, the exact
 *       prefixes homed in each chunk). They are few, and their answers are copied out as covers.
 *   <li><b>IPv4 /17../32</b>: a flat table ({@link Table4}): per /12 one 16-bit slot per /24
 *       (the answer of the prefixes /17../24, or a mark that sends the lookup to the /24's kid
 *       node for the fourth byte), per /16 the cover of the short prefixes and a node holding
 *       the exact prefixes. A lookup reads one slot from memory.
 *   <li><b>IPv6 /33../128</b>: per level L (address bytes), a hash map from the first L bytes to
 *       the node for byte L ({@link Table6}); byte-aligned prefixes (/48 above all) are entry
 *       values without a node. The /32's level-4 entry carries the cover of the short prefixes.
 *       This is the record of the IPv6 prefixes (exact match, walks, writers).
 *   <li><b>IPv6 lookups</b> go to {@link Fast6}, an index derived from the two above: per /32 a
 *       small hash segment with one entry per 4-bit stride key (/32, /36, /40, /44, /48) holding
 *       the longest prefix of that stride. A lookup reads five home slots of one segment with no
 *       branch between the reads, so their misses overlap. Addresses whose /48 has longer
 *       prefixes, or whose peer id does not fit 15 bits, are deferred to {@link Table6}
 *       (levels probed deepest first); an address with no entry is answered by the chunk trie.
 * </ul>
 * Values in the flat tables are small peer ids ({@link PeerIds}); exact prefixes are kept in
 * each node (packed code and id), which serves {@link #get} and lets the writer repaint a node
 * after a removal, restoring the covering shorter prefix.
 *
 * <h2>Concurrency</h2>
 * Apart from the IPv4 slots below, everything a reader can reach is persistent: a change builds new
 * nodes for what it touches, copies the small arrays on the path to them, and publishes a new
 * immutable {@code Snapshot} (all roots and tables, the id table, size, version) with one volatile
 * write. A batch edits drafts and builds each touched node once at commit ({@link Batch#insertAll}
 * first sorts a bulk load by /16 block, so drafts and the per-peer index are visited in order
 * rather than at random). Writers are serialized by a lock. Garbage collection retires
 * old nodes once no reader holds an old snapshot, which is the RCU grace period for free (and why a
 * peer id is only reused in a copy of the id table).
 *
 * <p>The IPv4 /17../32 table, the IPv6 buckets ({@link Bucket6}, when the bucket has room) and
 * the IPv6 lookup index ({@link Fast6}) are the exception, for speed: copying their arrays per
 * change would cost microseconds, so a single change outside a batch writes them in place, each
 * location straight from its old value to its new one ({@link Table4}, {@link Bucket6} and
 * {@link Fast6} give the order). A lookup then sees, for its address, the
 * state before or after the change, never a mixture; two lookups during one change of a /17 may
 * fall on either side of it, as readers do in the kernel's RCU trie. Its id is only valid in the
 * snapshot it started from if no snapshot was published meanwhile, so {@link #lookupV4} and
 * {@link #lookupV6} (and {@link #get}) check that and otherwise look up again (a retry means a writer finished a
 * change: lock-free, never waiting for one). A newly assigned id is published before any slot
 * holds it. Batches copy the arrays they change, so readers still see a batch all at once.
 *
 * <h2>Per-peer index</h2>
 * The writer keeps, per peer, an open-addressing set of its prefixes, so {@link #removeByPeer},
 * {@link #forEachOfPeer} and {@link #size(Object)} cost in proportion to that peer's prefixes.
 * A single {@link #remove} leaves its set update to the next operation of the table, which
 * applies it before anything else reads the sets or the peer ids (see {@link Transaction#prepare}).
 * If a batch consumer throws, nothing is published and the index is rebuilt from the last
 * published snapshot (O(table)).
 *
 * @param <P> peer value type
 */
public final class AllowedIps<P> implements PrefixWriter<P> {
    /** Published state; immutable. */
    private record Snapshot(Chunk v4, int[][] covers4, short[][] slots4, int[][][] nodes4, int[][][][] kids4,
                            Object[] peers, Chunk v6, Bucket6[][][] levels6, int mask6, long[][] fast6, byte[] fast6Caps,
                            int size, long version) {
        Snapshot(Chunk v4, Table4 t4, Object[] peers, Chunk v6, Table6 t6, long[][] fast6, byte[] fast6Caps, int size,
                 long version) {
            this(v4, t4.covers(), t4.slots(), t4.nodes(), t4.kids(), peers, v6, t6.levels(), t6.mask(), fast6, fast6Caps,
                    size, version);
        }

        Table4 table4() {
            return new Table4(covers4, slots4, nodes4, kids4);
        }

        /** The same state with another id table (a new id published before a slot holds it). */
        Snapshot withPeers(Object[] table) {
            return new Snapshot(v4, covers4, slots4, nodes4, kids4, table, v6, levels6, mask6, fast6, fast6Caps, size, version);
        }

        Table6 table6() {
            return new Table6(levels6, mask6);
        }
    }

    /** Each table its own empty arrays: single IPv4 changes write into the published ones. */
    private volatile Snapshot current = new Snapshot(null, Table4.empty(), new Object[1], null, Table6.empty(), Fast6.empty(),
            Fast6.emptyCapacities(), 0, 0);
    private final ReentrantLock writeLock = new ReentrantLock();
    private final PeerIndex index = new PeerIndex();
    private final PeerIds ids = new PeerIds();
    private final Transaction tx;
    /** Peer ids at the start of the running batch, for a rollback. */
    private PeerIds.Saved saved;

    /**
     * Peers with at least this many IPv4 prefixes longer than /16 and IPv6 prefixes longer than
     * /32 are removed by {@link #removeByPeer} on two threads (see {@link Transaction}).
     */
    static final int PARALLEL_REMOVAL_MIN = 4096;

    public AllowedIps() {
        this(PARALLEL_REMOVAL_MIN);
    }

    /** With another threshold for {@link #PARALLEL_REMOVAL_MIN} (0: never), for tests. */
    AllowedIps(int parallelRemovalMin) {
        tx = new Transaction(index, ids, parallelRemovalMin);
    }

    /** Maps the exact prefix to {@code peer}; returns the previous value of that prefix or null. */
    @Override
    public P insert(Prefix prefix, P peer) {
        Objects.requireNonNull(peer, "peer");
        long hi = Keys.hiOf(prefix);
        long lo = Keys.loOf(prefix);
        Snapshot s = beginSingle();
        try {
            tx.prepare(prefix.isIpv6(), hi, lo, prefix.length(), peer);
            if (tx.assignId(peer)) {
                s = s.withPeers(ids.table()); // written in place below: readers must know the id first
                current = s;
            }
            Object previous = tx.insert(prefix.isIpv6(), hi, lo, prefix.length(), peer, true);
            commit(s);
            return cast(previous);
        } finally {
            writeLock.unlock();
        }
    }

    /** Removes the prefix only if it is currently mapped to {@code peer}. */
    public boolean remove(Prefix prefix, P peer) {
        Objects.requireNonNull(peer, "peer");
        return removeExact(prefix, peer) != null;
    }

    /** Removes whatever the prefix maps to; returns it or null. */
    @Override
    public P remove(Prefix prefix) {
        return removeExact(prefix, null);
    }

    private P removeExact(Prefix prefix, P expected) {
        long hi = Keys.hiOf(prefix);
        long lo = Keys.loOf(prefix);
        Snapshot s = beginSingle();
        try {
            tx.prepare(prefix.isIpv6(), hi, lo, prefix.length(), null);
            Object removed = tx.remove(prefix.isIpv6(), hi, lo, prefix.length(), expected, true);
            commit(s);
            return cast(removed);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Removes every prefix of the peer; returns how many. Like a single change, the IPv4 prefixes
     * longer than /16 are removed in place: each lookup sees its address before or after, and
     * lookups during the call may find some of the peer's prefixes gone and others not yet, as
     * readers of the kernel's trie do (inside {@link #apply}, readers see all of them go at once).
     * A peer with {@value #PARALLEL_REMOVAL_MIN} or more flat prefixes of each family (IPv4 longer
     * than /16, IPv6 longer than /32) has its IPv6 half removed on a thread of the common
     * fork-join pool while the calling thread removes the IPv4 half.
     */
    public int removeByPeer(P peer) {
        Objects.requireNonNull(peer, "peer");
        Snapshot s = begin();
        try {
            int removed = tx.removeByPeer(peer, true);
            commit(s);
            return removed;
        } finally {
            writeLock.unlock();
        }
    }

    /** Exact-match value or null. Lock-free. */
    public P get(Prefix exact) {
        Snapshot s = current;
        long hi = Keys.hiOf(exact);
        long lo = Keys.loOf(exact);
        int len = exact.length();
        if (len > (exact.isIpv6() ? Transaction.SHORT_V6 : Transaction.SHORT_V4)) {
            int id;
            do { // validated like lookupV4: both flat tables are written in place by single changes
                s = current;
                id = exact.isIpv6() ? s.table6().find(hi, lo, len) : s.table4().find((int) (hi >>> 32), len);
                VarHandle.acquireFence();
            } while (s != current);
            return id == 0 ? null : cast(s.peers[id]);
        }
        int level = Keys.homeLevel(len);
        Chunk c = exact.isIpv6() ? s.v6 : s.v4;
        for (int i = 0; i < level && c != null; i++) {
            c = c.child(Keys.byteAt(hi, lo, i));
        }
        return c == null ? null : cast(c.peerOf(Keys.code(hi, lo, len, level)));
    }

    /** Longest match for a 4- or 16-byte address, or null. */
    public P lookup(byte[] address) {
        if (address.length == 4) {
            return lookupV4(Keys.int4(address, 0));
        }
        if (address.length == 16) {
            return lookupV6(Keys.long8(address, 0), Keys.long8(address, 8));
        }
        throw new IllegalArgumentException("address must be 4 or 16 bytes, got " + address.length);
    }

    /** Longest match for an IPv4 address in network order as an int. Allocation-free, lock-free. */
    public P lookupV4(int address) {
        Snapshot s;
        int id;
        do { // each array is read only where needed (measured: +15 % over reading all four up front)
            s = current;
            short[] t = s.slots4[address >>> 20];
            if (t == null) {
                id = Table4.cover(s.covers4, address);
            } else {
                id = Table4.slot(t, address);
                if (id == IntNode.CHILD) {
                    id = Table4.inKid(t, s.kids4, address);
                }
                if (id == 0) {
                    id = Table4.headerCover(t, address); // the array's first line: cached
                    if (id == Table4.WIDE) {
                        id = Table4.cover(s.covers4, address);
                    }
                }
            }
            VarHandle.acquireFence(); // the table reads above happen before the check below
        } while (s != current); // a change was published meanwhile: the id may not be s's
        return cast(s.peers[id]); // peers[0] is null: id 0 = no match
    }

    /** Longest match for an IPv6 address given as two big-endian halves. Allocation-free, lock-free. */
    public P lookupV6(long hi, long lo) {
        Snapshot s;
        Object peer;
        do { // validated like lookupV4: the index is written in place by single changes
            s = current;
            int id = Fast6.lookup(s.fast6, s.fast6Caps, hi);
            if (id == Fast6.DEFER) {
                id = Table6.lookup(s.levels6, s.mask6, hi, lo);
            }
            peer = id == Fast6.MISS ? shortLookupV6(s.v6, hi) : s.peers[id];
            VarHandle.acquireFence();
        } while (s != current);
        return cast(peer);
    }

    /** What the IPv6 lookup index alone answers for {@code hi}: a peer id, {@link Fast6#MISS} or {@link Fast6#DEFER} (tests). */
    int indexLookupV6(long hi) {
        Snapshot s = current;
        return Fast6.lookup(s.fast6, s.fast6Caps, hi);
    }

    /** Longest match among the IPv6 prefixes /0../32 (chunk trie, at most 4 levels). */
    private static Object shortLookupV6(Chunk root, long hi) {
        Object o = root;
        for (int shift = 56; o instanceof Chunk c && shift >= 32; shift -= 8) {
            o = c.get((int) (hi >>> shift) & 0xff);
        }
        return o instanceof Chunk ? null : o;
    }

    /**
     * Longest match for the address at absolute {@code offset} of {@code buf} (4 bytes, or 16 if
     * {@code ipv6}), read in network order whatever the buffer's byte order. Allocation-free.
     */
    public P lookup(ByteBuffer buf, int offset, boolean ipv6) {
        boolean swap = buf.order() == ByteOrder.LITTLE_ENDIAN;
        if (!ipv6) {
            int a = buf.getInt(offset);
            return lookupV4(swap ? Integer.reverseBytes(a) : a);
        }
        long hi = buf.getLong(offset);
        long lo = buf.getLong(offset + 8);
        return swap ? lookupV6(Long.reverseBytes(hi), Long.reverseBytes(lo)) : lookupV6(hi, lo);
    }

    /**
     * Calls {@code action} for each prefix of the peer (under the writer lock; the action must not
     * modify this table).
     */
    public void forEachOfPeer(P peer, Consumer<Prefix> action) {
        writeLock.lock();
        try {
            tx.settle();
            index.forEach(peer, (ipv6, hi, lo, len) -> action.accept(Keys.toPrefix(hi, lo, len, ipv6)));
        } finally {
            writeLock.unlock();
        }
    }

    /** Calls {@code action} for every entry, IPv4 first, in address order (under the writer lock). */
    public void forEach(BiConsumer<Prefix, P> action) {
        writeLock.lock();
        try {
            Snapshot s = current;
            TrieWalk.Visitor v = (ipv6, hi, lo, len, peer) -> action.accept(Keys.toPrefix(hi, lo, len, ipv6), cast(peer));
            walkV4(s, v);
            walkV6(s, v);
        } finally {
            writeLock.unlock();
        }
    }

    public int size() {
        return current.size;
    }

    /** Number of prefixes of the peer (takes the writer lock). */
    public int size(P peer) {
        writeLock.lock();
        try {
            tx.settle();
            return index.count(peer);
        } finally {
            writeLock.unlock();
        }
    }

    /** Number of committed changes so far; a batch counts once, a no-op change not at all. */
    public long version() {
        return current.version;
    }

    public void clear() {
        Snapshot s = begin();
        try {
            tx.clear();
            commit(s);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Applies all changes made through the batch as one step: readers see either none or all of
     * them, and the version moves by one. If {@code changes} throws, nothing is applied.
     */
    public void apply(Consumer<Batch<P>> changes) {
        Snapshot s = begin(true);
        TxBatch batch = new TxBatch();
        try {
            try {
                changes.accept(batch);
            } catch (RuntimeException | Error e) {
                rollback(s);
                throw e;
            } finally {
                batch.open = false;
            }
            commit(s);
        } finally {
            saved = null;
            writeLock.unlock();
        }
    }

    /** Takes the writer lock (released by the caller) and starts a transaction. */
    private Snapshot begin() {
        return begin(false, true);
    }

    private Snapshot begin(boolean batch) {
        return begin(batch, true);
    }

    /** {@link #begin} of a single insert or remove, which calls {@link Transaction#prepare} next. */
    private Snapshot beginSingle() {
        return begin(false, false);
    }

    private Snapshot begin(boolean batch, boolean settle) {
        writeLock.lock();
        if (writeLock.getHoldCount() > 1) { // called back from forEach* or apply
            writeLock.unlock();
            throw new IllegalStateException("AllowedIps modified from inside forEach or apply");
        }
        Snapshot s = current;
        tx.begin(s.v4, s.table4(), s.v6, s.table6(), s.fast6, s.fast6Caps, s.size, settle);
        if (batch) {
            saved = ids.save();
        }
        return s;
    }

    private void commit(Snapshot s) {
        if (tx.changed) {
            tx.finish();
            current = new Snapshot(tx.root4(), tx.table4(), ids.table(), tx.root6(), tx.table6(), tx.fast6(), tx.fast6Capacities(), tx.size,
                    s.version + 1);
        }
    }

    private void rollback(Snapshot s) {
        ids.restore(saved);
        index.clear();
        TrieWalk.Visitor relink = (ipv6, hi, lo, len, peer) -> index.add(peer, ipv6, hi, lo, len);
        walkV4(s, relink);
        TrieWalk.walk(s.v6, true, relink);
        Writer6.walk(s.table6(), (hi, lo, len, id) -> index.add(s.peers[id], true, hi, lo, len));
    }

    /** Visits the IPv6 entries of a snapshot in address order, shorter first (short trie merged with the flat table). */
    private static void walkV6(Snapshot s, TrieWalk.Visitor v) {
        java.util.List<long[]> flat = Writer6.sorted(s.table6());
        int[] next = {0};
        TrieWalk.walk(s.v6, true, (ipv6, hi, lo, len, peer) -> {
            while (next[0] < flat.size() && before(flat.get(next[0]), hi, lo, len)) {
                long[] e = flat.get(next[0]++);
                v.accept(true, e[0], e[1], (int) e[2], s.peers[(int) e[3]]);
            }
            v.accept(true, hi, lo, len, peer);
        });
        for (int i = next[0]; i < flat.size(); i++) {
            long[] e = flat.get(i);
            v.accept(true, e[0], e[1], (int) e[2], s.peers[(int) e[3]]);
        }
    }

    /** Whether row {@code e} (hi, lo, len) sorts before prefix (hi, lo, len): address first, then length. */
    private static boolean before(long[] e, long hi, long lo, int len) {
        int c = Long.compareUnsigned(e[0], hi);
        if (c == 0) {
            c = Long.compareUnsigned(e[1], lo);
        }
        return c < 0 || (c == 0 && e[2] < len);
    }

    /**
     * Visits the IPv4 entries of a snapshot in address order, shorter first: the short prefixes
     * (chunk trie) merged with the longer ones (flat table).
     */
    private static void walkV4(Snapshot s, TrieWalk.Visitor v) {
        java.util.ArrayList<Object[]> shorts = new java.util.ArrayList<>();
        TrieWalk.walk(s.v4, false, (ipv6, hi, lo, len, peer) -> shorts.add(new Object[] {hi, len, peer}));
        int[] next = {0};
        Walk4.walk(s.table4(), (addr, len, id) -> {
            long hi = (long) addr << 32;
            while (next[0] < shorts.size() && Long.compareUnsigned((long) shorts.get(next[0])[0], hi) <= 0) {
                Object[] e = shorts.get(next[0]++);
                v.accept(false, (long) e[0], 0, (int) e[1], e[2]);
            }
            v.accept(false, hi, 0, len, s.peers[id]);
        });
        for (int i = next[0]; i < shorts.size(); i++) {
            Object[] e = shorts.get(i);
            v.accept(false, (long) e[0], 0, (int) e[1], e[2]);
        }
    }

    @SuppressWarnings("unchecked")
    private static <P> P cast(Object o) {
        return (P) o;
    }

    private final class TxBatch implements Batch<P> {
        boolean open = true;

        private void check() {
            if (!open) {
                throw new IllegalStateException("batch used outside apply()");
            }
        }

        @Override
        public P insert(Prefix prefix, P peer) {
            check();
            Objects.requireNonNull(peer, "peer");
            return cast(tx.insert(prefix.isIpv6(), Keys.hiOf(prefix), Keys.loOf(prefix), prefix.length(), peer, false));
        }

        @Override
        public int insertAll(java.util.List<Prefix> prefixes, java.util.List<? extends P> peers) {
            check();
            return BulkInsert.apply(tx, prefixes, peers);
        }

        @Override
        public boolean remove(Prefix prefix, P peer) {
            check();
            Objects.requireNonNull(peer, "peer");
            return tx.remove(prefix.isIpv6(), Keys.hiOf(prefix), Keys.loOf(prefix), prefix.length(), peer, false) != null;
        }

        @Override
        public P remove(Prefix prefix) {
            check();
            return cast(tx.remove(prefix.isIpv6(), Keys.hiOf(prefix), Keys.loOf(prefix), prefix.length(), null, false));
        }

        @Override
        public int removeByPeer(P peer) {
            check();
            Objects.requireNonNull(peer, "peer");
            return tx.removeByPeer(peer, false);
        }

        @Override
        public void clear() {
            check();
            tx.clear();
        }

        @Override
        public P get(Prefix exact) {
            check();
            return cast(tx.get(exact.isIpv6(), Keys.hiOf(exact), Keys.loOf(exact), exact.length()));
        }
    }
}
