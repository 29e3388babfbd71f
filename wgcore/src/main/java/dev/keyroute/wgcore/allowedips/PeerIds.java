package dev.keyroute.wgcore.allowedips;

import java.util.Arrays;
import java.util.IdentityHashMap;

/**
 * Small int ids for peers (1, 2, ...), so the IPv4 nodes can store values as ints; readers map
 * an id back through the published {@link #table()}. Writer-only except for that table.
 *
 * <p>Publication rule: a published table is never changed where an old snapshot could look.
 * A never-used id is appended in place (no published node refers to it yet); a released id is
 * reused only in a copy of the table, because readers of an older snapshot may still map it to
 * the peer that held it.
 */
final class PeerIds {
    private final IdentityHashMap<Object, Integer> ids = new IdentityHashMap<>();
    private Object[] byId = new Object[16];
    /** Next never-used id. */
    private int next = 1;
    private int[] free = new int[8];
    private int freeCount;
    /** Whether {@link #byId} has been published (copy before overwriting a used slot). */
    private boolean shared;

    /** Saved state for a rollback. */
    record Saved(IdentityHashMap<Object, Integer> ids, Object[] byId, int next, int[] free, int freeCount) {
    }

    /** Id of {@code peer}, assigning one if it has none. */
    int idOf(Object peer) {
        Integer id = ids.get(peer);
        if (id != null) {
            return id;
        }
        int i;
        if (freeCount > 0) {
            i = free[--freeCount];
            if (shared) {
                byId = byId.clone();
                shared = false;
            }
        } else {
            if (next >= IntNode.MAX_ID) {
                throw new IllegalStateException("AllowedIPs supports at most " + (IntNode.MAX_ID - 1) + " peers with prefixes");
            }
            i = next++;
            if (i == byId.length) {
                byId = Arrays.copyOf(byId, i * 2);
                shared = false;
            }
        }
        byId[i] = peer;
        ids.put(peer, i);
        return i;
    }

    /** Existing id of {@code peer}, or 0. */
    int existing(Object peer) {
        Integer id = ids.get(peer);
        return id == null ? 0 : id;
    }

    /** Peer of an assigned id. */
    Object peer(int id) {
        return byId[id];
    }

    /** Releases the peer's id (it no longer has prefixes in the working state). */
    void release(Object peer) {
        Integer id = ids.remove(peer);
        if (id != null) {
            if (freeCount == free.length) {
                free = Arrays.copyOf(free, freeCount * 2);
            }
            free[freeCount++] = id;
        }
    }

    /** The id → peer table to publish (slot 0, no peer, is always null); further changes copy it where needed. */
    Object[] table() {
        shared = true;
        return byId;
    }

    Saved save() {
        return new Saved(new IdentityHashMap<>(ids), byId, next, free.clone(), freeCount);
    }

    void restore(Saved s) {
        ids.clear();
        ids.putAll(s.ids);
        byId = s.byId;
        shared = true;
        next = s.next;
        free = s.free;
        freeCount = s.freeCount;
    }

    /** Forgets every id; the next table is a fresh array (old snapshots keep theirs). */
    void clear() {
        ids.clear();
        byId = new Object[16];
        next = 1;
        freeCount = 0;
        shared = false;
    }
}
