package dev.keyroute.wgcore.device;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.Interner;
import dev.keyroute.wgcore.ShardedHashMap;
import dev.keyroute.wgcore.allowedips.AllowedIps;
import dev.keyroute.wgcore.allowedips.PrefixWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The device's AllowedIPs: one longest-prefix-match trie (lock-free reads on the data path) fed by
 * three layers (see {@link EntrySource}). <b>Static</b> entries come from the config and the
 * {@code wg} tool; <b>route</b> entries come from kernel routes (keyrouted's route follower);
 * <b>api</b> entries come from the control socket's {@code add}/{@code del}. For the same exact
 * prefix the highest layer wins (static, then route, then api) and the clash is reported; removing
 * the winner uncovers the entry beneath. Writers are serialized on this object; readers only touch
 * the trie.
 *
 * <p>Every change of an <i>effective</i> entry (the one in the trie) is reported to the
 * {@link ChangeListener} while the writer still holds this object's monitor, so the order of the
 * calls is the commit order, and a reader that synchronizes on this table (for example to take a
 * snapshot with {@link #forEachEffective}) sees a state consistent with the calls made so far.
 */
public final class AllowedIpsTable {
    /** Told about exact-prefix clashes between a static entry and a route entry. */
    public interface ConflictListener {
        void conflict(Prefix prefix, Peer staticPeer, Target routeTarget);
    }

    /**
     * Told, under the table's writer lock and in commit order, about every effective change. Must
     * not block and must not call back into the table's writers.
     */
    public interface ChangeListener {
        /**
         * The effective entry of {@code prefix} changed: {@code before == null} means added,
         * {@code after == null} removed, both set means moved (other target) or re-sourced.
         */
        void changed(Prefix prefix, AllowedIpsEntry before, AllowedIpsEntry after);

        /** {@code loser} was set for {@code prefix} but is shadowed by the higher layer's {@code winner}. */
        void shadowed(Prefix prefix, AllowedIpsEntry winner, AllowedIpsEntry loser);
    }

    private static final ChangeListener NO_CHANGES = new ChangeListener() {
        @Override
        public void changed(Prefix prefix, AllowedIpsEntry before, AllowedIpsEntry after) {
        }

        @Override
        public void shadowed(Prefix prefix, AllowedIpsEntry winner, AllowedIpsEntry loser) {
        }
    };

    /** Clearing or adding at least this many static prefixes of a peer in one call changes the trie in one batch. */
    static final int BATCH_MIN = 64;

    private final AllowedIps<Target> trie = new AllowedIps<>();
    private final Map<Prefix, AllowedIpsEntry> statics = new HashMap<>();
    /** Each peer's static prefixes in the order they were added (as {@code wg show} lists them); a set, so removing one is O(1). */
    private final Map<Peer, Set<Prefix>> staticsByPeer = new HashMap<>();
    /** Sharded: filled one route at a time up to a full table, where one doubling of a HashMap would hold up the route follower. */
    private final Map<Prefix, AllowedIpsEntry> routes = new ShardedHashMap<>();
    /**
     * One entry object per (target, source, route info): a full table via a few peers, or a
     * million static prefixes of one peer, holds a few.
     */
    private final Interner<AllowedIpsEntry> entries = new Interner<>();
    private final Map<Prefix, AllowedIpsEntry> apis = new ShardedHashMap<>();
    /** Implicit {@code LL(P)/128} per peer: beneath every layer, never reported, never listed. */
    private final Map<Prefix, Peer> linkLocal = new HashMap<>();
    private volatile ConflictListener conflicts = (p, s, r) -> { };
    private volatile ChangeListener changes = NO_CHANGES;
    private volatile Runnable resolutionChange = () -> { };

    public void setConflictListener(ConflictListener listener) {
        conflicts = listener;
    }

    /**
     * Told (under this table's lock: only signal, never block) after anything that can change how
     * a route's next hop resolves to a peer: a static entry added or removed, a peer added or
     * removed. The route follower re-resolves its pending and resolved next hops then.
     */
    public void setResolutionChangeListener(Runnable listener) {
        resolutionChange = listener == null ? () -> { } : listener;
    }

    /** Signals the resolution-change listener; called by the device when a peer is added. */
    void peersChanged() {
        resolutionChange.run();
    }

    /** Sets (null: clears) the change listener; see {@link ChangeListener}. */
    public synchronized void setChangeListener(ChangeListener listener) {
        changes = listener == null ? NO_CHANGES : listener;
    }

    // ---- data path (lock-free) ----

    /** The target for a destination address at an absolute offset of {@code buf}. */
    Target lookup(java.nio.ByteBuffer buf, int offset, boolean ipv6) {
        return trie.lookup(buf, offset, ipv6);
    }

    public Target lookup(byte[] address) {
        return trie.lookup(address);
    }

    // ---- static layer (wg tool / config) ----

    /** Maps {@code prefix} statically to {@code peer}, taking it from any other peer (as wg does). */
    public synchronized void addStatic(Peer peer, Prefix prefix) {
        AllowedIpsEntry before = effective(prefix);
        AllowedIpsEntry entry = staticEntry(peer);
        if (putStatic(peer, prefix, entry)) {
            commit(prefix, before, entry);
            resolutionChange.run();
        }
    }

    /**
     * {@link #addStatic} of each prefix in order, as one change for readers: from
     * {@value #BATCH_MIN} prefixes on the trie changes go in one batch, then each change is
     * reported in order (what a {@code wg set}/{@code setconf} of a long list does).
     */
    public synchronized void addStatics(Peer peer, List<Prefix> prefixes) {
        if (prefixes.size() < BATCH_MIN) {
            for (Prefix p : prefixes) {
                addStatic(peer, p);
            }
            return;
        }
        AllowedIpsEntry entry = staticEntry(peer);
        List<Prefix> added = new ArrayList<>();
        List<AllowedIpsEntry> before = new ArrayList<>();
        for (Prefix p : prefixes) {
            AllowedIpsEntry was = effective(p);
            if (putStatic(peer, p, entry)) { // false: already this peer's (or given twice)
                added.add(p);
                before.add(was);
            }
        }
        trie.apply(b -> {
            for (int i = 0; i < added.size(); i++) {
                change(b, added.get(i), trieTarget(added.get(i), before.get(i)), peer);
            }
        });
        for (int i = 0; i < added.size(); i++) {
            report(added.get(i), before.get(i), entry, entry);
        }
        resolutionChange.run();
    }

    /** The one static entry of {@code peer}. */
    private AllowedIpsEntry staticEntry(Peer peer) {
        return entries.intern(new AllowedIpsEntry(peer, EntrySource.STATIC, RouteInfo.NONE));
    }

    /**
     * Stores {@code entry} (of {@code peer}) as the static entry of {@code prefix}, taking the
     * prefix from any other peer and reporting a clash with a route entry; false if the prefix
     * was already {@code peer}'s. The trie and the change listener are the caller's.
     */
    private boolean putStatic(Peer peer, Prefix prefix, AllowedIpsEntry entry) {
        AllowedIpsEntry old = statics.get(prefix);
        if (old != null && old.target() == peer) {
            return false;
        }
        statics.put(prefix, entry);
        if (old != null) {
            staticsByPeer.get((Peer) old.target()).remove(prefix);
        }
        staticsByPeer.computeIfAbsent(peer, k -> new LinkedHashSet<>()).add(prefix);
        AllowedIpsEntry route = routes.get(prefix);
        if (route != null) {
            conflicts.conflict(prefix, peer, route.target());
        }
        return true;
    }

    /** Removes a static entry if it belongs to {@code peer}; an entry beneath comes back. */
    public synchronized boolean removeStatic(Peer peer, Prefix prefix) {
        AllowedIpsEntry e = statics.get(prefix);
        if (e == null || e.target() != peer) {
            return false;
        }
        AllowedIpsEntry before = effective(prefix);
        statics.remove(prefix);
        staticsByPeer.get(peer).remove(prefix);
        commit(prefix, before);
        resolutionChange.run();
        return true;
    }

    /**
     * Drops all static entries of {@code peer} (replace_allowed_ips). Route and api entries stay.
     * From {@value #BATCH_MIN} prefixes on, the trie changes go in one batch (readers see them at
     * once) and are then reported in order.
     */
    public synchronized void clearStatic(Peer peer) {
        Set<Prefix> set = staticsByPeer.remove(peer);
        if (set == null) {
            return;
        }
        if (set.size() < BATCH_MIN) {
            for (Prefix p : set) {
                AllowedIpsEntry before = effective(p);
                statics.remove(p);
                commit(p, before);
            }
        } else {
            Prefix[] prefixes = set.toArray(Prefix[]::new);
            AllowedIpsEntry[] before = new AllowedIpsEntry[prefixes.length];
            AllowedIpsEntry[] after = new AllowedIpsEntry[prefixes.length];
            for (int i = 0; i < prefixes.length; i++) {
                before[i] = statics.remove(prefixes[i]); // the effective entry: statics are the top layer
                after[i] = effective(prefixes[i]); // what is uncovered beneath, if anything
            }
            trie.apply(b -> {
                for (int i = 0; i < prefixes.length; i++) {
                    change(b, prefixes[i], before[i].target(), trieTarget(prefixes[i], after[i]));
                }
            });
            for (int i = 0; i < prefixes.length; i++) {
                report(prefixes[i], before[i], after[i], null);
            }
        }
        resolutionChange.run();
    }

    public synchronized List<Prefix> staticOf(Peer peer) {
        Set<Prefix> l = staticsByPeer.get(peer);
        return l == null ? List.of() : List.copyOf(l);
    }

    /** The peer owning {@code prefix} statically, or null. */
    public synchronized Peer staticOwner(Prefix prefix) {
        AllowedIpsEntry e = statics.get(prefix);
        return e == null ? null : (Peer) e.target();
    }

    // ---- route layer (kernel routes) ----

    /** Sets the route-derived target of {@code prefix}; shadowed (and reported) if static. */
    public void setRoute(Prefix prefix, Target target) {
        setRoute(prefix, target, RouteInfo.NONE);
    }

    /** As {@link #setRoute(Prefix, Target)}, carrying the kernel route's table, protocol and metric. */
    public synchronized void setRoute(Prefix prefix, Target target, RouteInfo info) {
        AllowedIpsEntry before = effective(prefix);
        AllowedIpsEntry entry = entries.intern(new AllowedIpsEntry(target, EntrySource.ROUTE, info));
        routes.put(prefix, entry);
        AllowedIpsEntry s = statics.get(prefix);
        if (s != null) {
            conflicts.conflict(prefix, (Peer) s.target(), target);
        }
        commit(prefix, before, entry);
    }

    public synchronized void removeRoute(Prefix prefix) {
        AllowedIpsEntry before = effective(prefix);
        if (routes.remove(prefix) != null) {
            commit(prefix, before);
        }
    }

    public synchronized Target route(Prefix prefix) {
        AllowedIpsEntry e = routes.get(prefix);
        return e == null ? null : e.target();
    }

    public synchronized Map<Prefix, Target> routes() {
        Map<Prefix, Target> m = new HashMap<>();
        routes.forEach((p, e) -> m.put(p, e.target()));
        return Map.copyOf(m);
    }

    // ---- api layer (control socket) ----

    /** Maps {@code prefix} to {@code peer} in the api layer, replacing any api entry of that prefix. */
    public synchronized void addApi(Peer peer, Prefix prefix) {
        AllowedIpsEntry old = apis.get(prefix);
        if (old != null && old.target() == peer) {
            return;
        }
        AllowedIpsEntry before = effective(prefix);
        AllowedIpsEntry entry = new AllowedIpsEntry(peer, EntrySource.API, RouteInfo.NONE);
        apis.put(prefix, entry);
        commit(prefix, before, entry);
    }

    /** Removes the api entry of {@code prefix} if it maps to {@code peer}. */
    public synchronized boolean removeApi(Peer peer, Prefix prefix) {
        AllowedIpsEntry e = apis.get(prefix);
        if (e == null || e.target() != peer) {
            return false;
        }
        AllowedIpsEntry before = effective(prefix);
        apis.remove(prefix);
        commit(prefix, before);
        return true;
    }

    // ---- link-local entries (implicit, maintained by the device on peer add/remove) ----

    /**
     * Gives {@code peer} its implicit {@code LL(P)/128} (DESIGN §3), so unicast to and from a
     * neighbour's key-derived link-local address works without configuration. It sits beneath
     * every layer (any static, route or api entry of the same /128 wins), is not an effective entry
     * (no {@link ChangeListener} call, not in {@link #forEachOf} so not in {@code wg show}, not in
     * {@link #size}) and goes with the peer.
     */
    synchronized void addLinkLocal(Peer peer, Prefix prefix) {
        linkLocal.put(prefix, peer);
        if (effective(prefix) == null) {
            trie.insert(prefix, peer);
        }
    }

    private void removeLinkLocalOf(Peer peer) {
        List<Prefix> gone = new ArrayList<>();
        linkLocal.forEach((p, owner) -> {
            if (owner == peer) {
                gone.add(p);
            }
        });
        for (Prefix p : gone) {
            linkLocal.remove(p);
            if (effective(p) == null) {
                trie.remove(p);
            }
        }
    }

    /** The peer owning {@code prefix} implicitly as its key-derived link-local address, or null. */
    public synchronized Peer linkLocalOwner(Prefix prefix) {
        return linkLocal.get(prefix);
    }

    // ---- all layers ----

    /** Removes every entry that involves {@code peer} (peer removal). Multipath sets keep the rest. */
    public synchronized void removePeer(Peer peer) {
        entries.clear(); // shared entries may hold the peer
        removeLinkLocalOf(peer); // first, so that nothing uncovers it below
        clearStatic(peer);
        for (Map<Prefix, AllowedIpsEntry> layer : List.of(routes, apis)) {
            List<Prefix> gone = new ArrayList<>();
            layer.forEach((p, e) -> {
                if (e.target().accepts(peer)) {
                    gone.add(p);
                }
            });
            for (Prefix p : gone) {
                AllowedIpsEntry before = effective(p);
                layer.remove(p);
                commit(p, before);
            }
        }
        resolutionChange.run();
    }

    /**
     * Effective non-static (route and api) prefixes of every peer, in one pass over the layers:
     * O(entries) — a per-peer scan would be O(peers × entries) (1,000 peers × 1M route entries
     * held this lock, and so the route follower, for minutes in a UAPI get). A multipath prefix
     * is listed under each of its peers.
     */
    public synchronized Map<Peer, List<Prefix>> derivedByPeer() {
        Map<Peer, List<Prefix>> out = new HashMap<>();
        for (Map<Prefix, AllowedIpsEntry> layer : List.of(routes, apis)) {
            layer.forEach((p, e) -> {
                if (effective(p) != e) {
                    return;
                }
                switch (e.target()) {
                    case Peer peer -> out.computeIfAbsent(peer, k -> new ArrayList<>()).add(p);
                    case PeerSet set -> {
                        for (Peer peer : set.peers()) {
                            List<Prefix> list = out.computeIfAbsent(peer, k -> new ArrayList<>());
                            if (list.isEmpty() || list.getLast() != p) { // a peer twice in a set: once
                                list.add(p);
                            }
                        }
                    }
                    default -> throw new IllegalStateException("unknown target " + e.target().getClass());
                }
            });
        }
        return out;
    }

    /**
     * Calls {@code action} for every effective entry while holding the writer lock: no change
     * commits (and no {@link ChangeListener} call happens) until it returns.
     */
    public synchronized void forEachEffective(BiConsumer<Prefix, AllowedIpsEntry> action) {
        statics.forEach(action);
        routes.forEach((p, e) -> {
            if (!statics.containsKey(p)) {
                action.accept(p, e);
            }
        });
        apis.forEach((p, e) -> {
            if (!statics.containsKey(p) && !routes.containsKey(p)) {
                action.accept(p, e);
            }
        });
    }

    /** The effective entry of {@code prefix} (exact match), or null. */
    public synchronized AllowedIpsEntry entry(Prefix prefix) {
        return effective(prefix);
    }

    /** Trie entries from the static, route and api layers (implicit link-local ones not counted). */
    public synchronized int size() {
        int implicitOnly = 0;
        for (Prefix p : linkLocal.keySet()) {
            if (effective(p) == null) {
                implicitOnly++;
            }
        }
        return trie.size() - implicitOnly;
    }

    private AllowedIpsEntry effective(Prefix prefix) {
        AllowedIpsEntry e = statics.get(prefix);
        if (e == null) {
            e = routes.get(prefix);
        }
        return e != null ? e : apis.get(prefix);
    }

    /** Brings the trie in line with the layers for {@code prefix} and reports what changed. */
    private void commit(Prefix prefix, AllowedIpsEntry before) {
        commit(prefix, before, null);
    }

    /** As {@link #commit(Prefix, AllowedIpsEntry)}; {@code written} is the entry just stored, if any. */
    private void commit(Prefix prefix, AllowedIpsEntry before, AllowedIpsEntry written) {
        AllowedIpsEntry after = effective(prefix);
        change(trie, prefix, trieTarget(prefix, before), trieTarget(prefix, after));
        report(prefix, before, after, written);
    }

    /**
     * The trie step of a change, alone ({@link #commit}: {@code w} is the table) or inside a
     * batch: what the trie holds for {@code prefix} goes from {@code before} to {@code after}.
     */
    private static void change(PrefixWriter<Target> w, Prefix prefix, Target before, Target after) {
        if (after == null) {
            if (before != null) {
                w.remove(prefix);
            }
        } else if (before != after) {
            w.insert(prefix, after);
        }
    }

    /**
     * Tells the change listener that the effective entry of {@code prefix} went from
     * {@code before} to {@code after}, and which entry is shadowed when {@code written} (the entry
     * just stored, if any) is not the effective one or covers one of another layer.
     */
    private void report(Prefix prefix, AllowedIpsEntry before, AllowedIpsEntry after, AllowedIpsEntry written) {
        ChangeListener l = changes;
        if (!java.util.Objects.equals(before, after)) {
            l.changed(prefix, before, after);
        }
        if (written == null) {
            return;
        }
        if (after != written) {
            l.shadowed(prefix, after, written);
        } else if (before != null && before.source() != written.source() && layer(before.source()).get(prefix) == before) {
            l.shadowed(prefix, written, before);
        }
    }

    /** What the trie holds for {@code prefix} when {@code entry} is its effective entry (null: the implicit link-local owner, if any). */
    private Target trieTarget(Prefix prefix, AllowedIpsEntry entry) {
        return entry != null ? entry.target() : linkLocal.get(prefix);
    }

    private Map<Prefix, AllowedIpsEntry> layer(EntrySource source) {
        return switch (source) {
            case STATIC -> statics;
            case ROUTE -> routes;
            case API -> apis;
        };
    }
}
