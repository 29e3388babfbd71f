package dev.keyroute.wgcore.allowedips;

import static dev.keyroute.wgcore.allowedips.Keys.bit;
import static dev.keyroute.wgcore.allowedips.Keys.bit4;
import static dev.keyroute.wgcore.allowedips.Keys.matches4;
import static dev.keyroute.wgcore.allowedips.Keys.matches6;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.allowedips.Node.Branch;
import dev.keyroute.wgcore.allowedips.Node.Entry;
import dev.keyroute.wgcore.allowedips.Node.Inner4;
import dev.keyroute.wgcore.allowedips.Node.Inner6;
import dev.keyroute.wgcore.allowedips.Node.Leaf4;
import dev.keyroute.wgcore.allowedips.Node.Leaf6;
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
 * One path-compressed binary trie per family, in the spirit of the kernel's allowedips.c: every
 * node carries a bit position {@code len}; a node is either a keyless {@code Branch} (two children,
 * chosen by bit {@code len}) or an entry (a prefix of length {@code len} with its masked key and
 * peer, with or without children). IPv4 keys are stored as an {@code int}, IPv6 keys as two
 * {@code long}s; childless entries ({@code Leaf4}/{@code Leaf6}, most of a real table) have no child
 * fields at all. Because branches hold no key, a lookup only checks entries: along a path the
 * entries' prefixes nest, so the first entry that does not match ends the walk, and the answer is
 * the last entry that matched. No boxing, no per-node collections.
 *
 * <h2>Concurrency</h2>
 * The trie is persistent: a change copies the path from the root to the changed node and then
 * publishes a new immutable {@code Snapshot} (both roots, size, version) with one volatile write.
 * A lookup reads the snapshot once and walks nodes that never change after publication, so it
 * never blocks, never retries, and its answer is exactly what one committed state maps the
 * address to. Writers are serialized by a lock. Within one writer transaction, nodes created by
 * that transaction are changed in place (they are unpublished), so {@link #apply} of a large batch
 * costs roughly one copy per touched node, not one path copy per change; the whole batch becomes
 * visible with a single publication. Garbage collection retires old nodes once no reader holds an
 * old snapshot, which is the RCU grace period for free.
 *
 * <h2>Per-peer index</h2>
 * Every entry sits in an intrusive doubly linked list of its peer (writer-only links), so
 * {@link #removeByPeer}, {@link #forEachOfPeer} and {@link #size(Object)} cost in proportion to that
 * peer's prefixes. When path copying replaces an entry, the copy takes its place in the list in
 * O(1). If a batch consumer throws, nothing is published and the index is rebuilt from the last
 * published snapshot (O(table)).
 *
 * @param <P> peer value type
 */
public final class AllowedIps<P> {
    /** Published state; immutable. */
    private record Snapshot(Node v4, Node v6, int size, long version) {
    }

    private static final Snapshot EMPTY = new Snapshot(null, null, 0, 0);

    private volatile Snapshot current = EMPTY;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final PeerIndex index = new PeerIndex();
    private final Transaction tx = new Transaction(index);

    public AllowedIps() {
    }

    /** Maps the exact prefix to {@code peer}; returns the previous value of that prefix or null. */
    public P insert(Prefix prefix, P peer) {
        Objects.requireNonNull(peer, "peer");
        long hi = Keys.hiOf(prefix);
        long lo = Keys.loOf(prefix);
        Snapshot s = begin();
        try {
            Object previous = tx.insert(prefix.isIpv6(), hi, lo, prefix.length(), peer);
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
    public P remove(Prefix prefix) {
        return removeExact(prefix, null);
    }

    private P removeExact(Prefix prefix, P expected) {
        long hi = Keys.hiOf(prefix);
        long lo = Keys.loOf(prefix);
        Snapshot s = begin();
        try {
            Object removed = tx.remove(prefix.isIpv6(), hi, lo, prefix.length(), expected);
            commit(s);
            return cast(removed);
        } finally {
            writeLock.unlock();
        }
    }

    /** Removes every prefix of the peer; returns how many. Readers see all of them go at once. */
    public int removeByPeer(P peer) {
        Objects.requireNonNull(peer, "peer");
        Snapshot s = begin();
        try {
            int removed = tx.removeByPeer(peer);
            commit(s);
            return removed;
        } finally {
            writeLock.unlock();
        }
    }

    /** Exact-match value or null. Lock-free. */
    public P get(Prefix exact) {
        Snapshot s = current;
        Entry e = Transaction.exact(exact.isIpv6() ? s.v6 : s.v4, Keys.hiOf(exact), Keys.loOf(exact), exact.length());
        return e == null ? null : cast(e.peer);
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
        Node n = current.v4;
        Object best = null;
        while (n != null) {
            if (n instanceof Branch b) {
                n = bit4(address, b.meta & Node.LEN_MASK) == 0 ? b.left : b.right;
            } else if (n instanceof Leaf4 l) {
                if (matches4(address, l.key, l.meta & Node.LEN_MASK)) {
                    best = l.peer;
                }
                break;
            } else {
                Inner4 i = (Inner4) n;
                int len = i.meta & Node.LEN_MASK;
                if (!matches4(address, i.key, len)) {
                    break;
                }
                best = i.peer;
                n = bit4(address, len) == 0 ? i.left : i.right;
            }
        }
        return cast(best);
    }

    /** Longest match for an IPv6 address given as two big-endian halves. Allocation-free, lock-free. */
    public P lookupV6(long hi, long lo) {
        Node n = current.v6;
        Object best = null;
        while (n != null) {
            if (n instanceof Branch b) {
                n = bit(hi, lo, b.meta & Node.LEN_MASK) == 0 ? b.left : b.right;
            } else if (n instanceof Leaf6 l) {
                if (matches6(hi, lo, l.hi, l.lo, l.meta & Node.LEN_MASK)) {
                    best = l.peer;
                }
                break;
            } else {
                Inner6 i = (Inner6) n;
                int len = i.meta & Node.LEN_MASK;
                if (!matches6(hi, lo, i.hi, i.lo, len)) {
                    break;
                }
                best = i.peer;
                n = bit(hi, lo, len) == 0 ? i.left : i.right;
            }
        }
        return cast(best);
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
            index.forEach(peer, e -> action.accept(Keys.toPrefix(e.hi(), e.lo(), e.len(), e.ipv6())));
        } finally {
            writeLock.unlock();
        }
    }

    /** Calls {@code action} for every entry, IPv4 first, in address order (under the writer lock). */
    public void forEach(BiConsumer<Prefix, P> action) {
        writeLock.lock();
        try {
            Snapshot s = current;
            walk(s.v4, e -> action.accept(Keys.toPrefix(e.hi(), e.lo(), e.len(), e.ipv6()), cast(e.peer)));
            walk(s.v6, e -> action.accept(Keys.toPrefix(e.hi(), e.lo(), e.len(), e.ipv6()), cast(e.peer)));
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
        Snapshot s = begin();
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
            writeLock.unlock();
        }
    }

    /** Takes the writer lock (released by the caller) and starts a transaction. */
    private Snapshot begin() {
        writeLock.lock();
        if (writeLock.getHoldCount() > 1) { // called back from forEach* or apply
            writeLock.unlock();
            throw new IllegalStateException("AllowedIps modified from inside forEach or apply");
        }
        Snapshot s = current;
        tx.begin(s.v4, s.v6, s.size);
        return s;
    }

    private void commit(Snapshot s) {
        tx.finish();
        if (tx.changed) {
            current = new Snapshot(tx.v4, tx.v6, tx.size, s.version + 1);
        }
    }

    private void rollback(Snapshot s) {
        tx.finish();
        index.clear();
        walk(s.v4, index::link);
        walk(s.v6, index::link);
    }

    private static void walk(Node n, Consumer<Entry> action) {
        if (n == null) {
            return;
        }
        if (n instanceof Entry e) {
            action.accept(e);
        }
        walk(n.child(0), action);
        walk(n.child(1), action);
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
            return cast(tx.insert(prefix.isIpv6(), Keys.hiOf(prefix), Keys.loOf(prefix), prefix.length(), peer));
        }

        @Override
        public boolean remove(Prefix prefix, P peer) {
            check();
            Objects.requireNonNull(peer, "peer");
            return tx.remove(prefix.isIpv6(), Keys.hiOf(prefix), Keys.loOf(prefix), prefix.length(), peer) != null;
        }

        @Override
        public P remove(Prefix prefix) {
            check();
            return cast(tx.remove(prefix.isIpv6(), Keys.hiOf(prefix), Keys.loOf(prefix), prefix.length(), null));
        }

        @Override
        public int removeByPeer(P peer) {
            check();
            Objects.requireNonNull(peer, "peer");
            return tx.removeByPeer(peer);
        }

        @Override
        public void clear() {
            check();
            tx.clear();
        }

        @Override
        public P get(Prefix exact) {
            check();
            Entry e = Transaction.exact(exact.isIpv6() ? tx.v6 : tx.v4, Keys.hiOf(exact), Keys.loOf(exact), exact.length());
            return e == null ? null : cast(e.peer);
        }
    }
}
