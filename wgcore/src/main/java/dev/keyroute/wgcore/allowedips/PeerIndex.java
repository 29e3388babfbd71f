package dev.keyroute.wgcore.allowedips;

import dev.keyroute.wgcore.allowedips.Node.Entry;
import java.util.IdentityHashMap;
import java.util.function.Consumer;

/**
 * Writer-side index of the entries of each peer: an intrusive doubly linked list through
 * {@link Entry#prev}/{@link Entry#next}, so removing by peer, iterating a peer's prefixes and
 * counting them never walk the whole trie. When the writer replaces an entry by a copy (path
 * copying), the copy takes the original's place in the list in O(1). Guarded by the writer lock.
 */
final class PeerIndex {
    /** Head and count of one peer's list. */
    static final class PeerList {
        Entry head;
        int count;
    }

    private final IdentityHashMap<Object, PeerList> lists = new IdentityHashMap<>();

    void link(Entry e) {
        PeerList l = lists.computeIfAbsent(e.peer, k -> new PeerList());
        e.prev = null;
        e.next = l.head;
        if (l.head != null) {
            l.head.prev = e;
        }
        l.head = e;
        l.count++;
    }

    void unlink(Entry e) {
        PeerList l = lists.get(e.peer);
        if (e.prev != null) {
            e.prev.next = e.next;
        } else {
            l.head = e.next;
        }
        if (e.next != null) {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        if (--l.count == 0) {
            lists.remove(e.peer);
        }
    }

    /** {@code copy} (same peer) takes the list position of {@code old}. */
    void replace(Entry old, Entry copy) {
        copy.prev = old.prev;
        copy.next = old.next;
        if (old.prev != null) {
            old.prev.next = copy;
        } else {
            lists.get(old.peer).head = copy;
        }
        if (old.next != null) {
            old.next.prev = copy;
        }
    }

    /** First entry of the peer's list, or null. */
    Entry head(Object peer) {
        PeerList l = lists.get(peer);
        return l == null ? null : l.head;
    }

    int count(Object peer) {
        PeerList l = lists.get(peer);
        return l == null ? 0 : l.count;
    }

    void forEach(Object peer, Consumer<Entry> action) {
        for (Entry e = head(peer); e != null; e = e.next) {
            action.accept(e);
        }
    }

    void clear() {
        lists.clear();
    }
}
