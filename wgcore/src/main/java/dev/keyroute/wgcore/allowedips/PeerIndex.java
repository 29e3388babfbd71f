package dev.keyroute.wgcore.allowedips;

import java.util.IdentityHashMap;

/**
 * Writer-side index of the prefixes of each peer (peers compared by identity), so removing by
 * peer, iterating a peer's prefixes and counting them cost in proportion to that peer's
 * prefixes, never a walk of the trie. Guarded by the writer lock.
 */
final class PeerIndex {
    private final IdentityHashMap<Object, PeerPrefixes> byPeer = new IdentityHashMap<>();

    void add(Object peer, boolean ipv6, long hi, long lo, int len) {
        byPeer.computeIfAbsent(peer, k -> new PeerPrefixes()).add(ipv6, hi, lo, len);
    }

    /** Adds IPv4 prefixes ({@link PrefixSet4} keys {@code keys[from, to)}) to the peer. */
    void addAll4(Object peer, long[] keys, int from, int to) {
        byPeer.computeIfAbsent(peer, k -> new PeerPrefixes()).addAll4(keys, from, to);
    }

    /** Reads the slot {@link #add} or {@link #remove} of the prefix would start at (see {@link Writer4#prefetch}). */
    long prefetch(Object peer, boolean ipv6, long hi, long lo, int len) {
        PeerPrefixes p = byPeer.get(peer);
        return p == null ? 0 : p.prefetch(ipv6, hi, lo, len);
    }

    /** Removes one prefix of the peer; true if that was its last one (the peer is gone). */
    boolean remove(Object peer, boolean ipv6, long hi, long lo, int len) {
        PeerPrefixes p = byPeer.get(peer);
        if (p == null || !p.remove(ipv6, hi, lo, len)) {
            throw new AssertionError("peer index out of sync with trie");
        }
        if (p.size() == 0) {
            byPeer.remove(peer);
            return true;
        }
        return false;
    }

    /** Removes and returns the peer's prefixes, or null if it has none. */
    PeerPrefixes take(Object peer) {
        return byPeer.remove(peer);
    }

    int count(Object peer) {
        PeerPrefixes p = byPeer.get(peer);
        return p == null ? 0 : p.size();
    }

    void forEach(Object peer, PeerPrefixes.Visitor action) {
        PeerPrefixes p = byPeer.get(peer);
        if (p != null) {
            p.forEach(action);
        }
    }

    void clear() {
        byPeer.clear();
    }
}
