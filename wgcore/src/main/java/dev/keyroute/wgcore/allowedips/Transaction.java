package dev.keyroute.wgcore.allowedips;

/**
 * One writer transaction over the multibit trie: starts from the published roots, applies
 * changes to {@link Draft}s along the touched paths (thawed lazily, changed in place, never
 * visible to readers) and keeps the per-peer index in step. {@link #finish()} freezes the drafts
 * into new immutable roots, which the caller publishes; a batch of any size is therefore frozen
 * once. Used under the writer lock only, and reused between transactions.
 *
 * <p>Roots ({@link #v4}, {@link #v6}) are a {@link Chunk}, a {@link Draft} or null.
 */
final class Transaction {
    private final PeerIndex index;
    private final Freezer freezer = new Freezer();
    private final PathCopy pathCopy = new PathCopy();

    Object v4;
    Object v6;
    int size;
    boolean changed;

    Transaction(PeerIndex index) {
        this.index = index;
    }

    void begin(Chunk v4, Chunk v6, int size) {
        this.v4 = v4;
        this.v6 = v6;
        this.size = size;
        this.changed = false;
    }

    /** Freezes the working roots; afterwards both are chunks or null. */
    void finish() {
        if (v4 instanceof Draft d) {
            v4 = freezer.freeze(d, null, 0);
        }
        if (v6 instanceof Draft d) {
            v6 = freezer.freeze(d, null, 0);
        }
    }

    Chunk root4() {
        return (Chunk) v4;
    }

    Chunk root6() {
        return (Chunk) v6;
    }

    /**
     * Maps the exact prefix to {@code peer}; returns the previous peer or null. {@code single}:
     * the only change of this transaction, so the path may be copied directly ({@link PathCopy})
     * instead of drafted.
     */
    Object insert(boolean ipv6, long hi, long lo, int len, Object peer, boolean single) {
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
        if (previous != null) {
            index.remove(previous, ipv6, hi, lo, len);
        } else {
            size++;
        }
        index.add(peer, ipv6, hi, lo, len);
        changed = true;
        return previous;
    }

    /**
     * Removes the exact prefix if present and (when {@code expected} is not null) mapped to
     * {@code expected}; returns the removed peer or null.
     */
    Object remove(boolean ipv6, long hi, long lo, int len, Object expected, boolean single) {
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
        index.remove(previous, ipv6, hi, lo, len);
        size--;
        changed = true;
        return previous;
    }

    /** Removes every prefix of the peer, visiting only that peer's prefixes. */
    int removeByPeer(Object peer) {
        PeerPrefixes own = index.take(peer);
        if (own == null) {
            return 0;
        }
        own.forEach((ipv6, hi, lo, len) -> {
            int level = Keys.homeLevel(len);
            if (thaw(ipv6, hi, lo, level).remove(Keys.code(hi, lo, len, level)) != peer) {
                throw new AssertionError("peer index out of sync with trie");
            }
        });
        int removed = own.size();
        size -= removed;
        changed = true;
        return removed;
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
}
