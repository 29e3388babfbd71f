package dev.keyroute.wgcore.device;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.allowedips.AllowedIps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The device's AllowedIPs: one longest-prefix-match trie (lock-free reads on the data path) fed by
 * three layers. <b>Static</b> entries come from the config and the {@code wg} tool; <b>route</b>
 * entries come from kernel routes (keyrouted's route follower) or the control socket;
 * <b>link-local</b> entries are implicit: every peer P owns {@code LL(P)/128} (DESIGN §3) for as
 * long as it exists, so unicast to and from a neighbour's key-derived link-local address works
 * without configuration. For the same exact prefix static beats route beats link-local; a static
 * versus route clash is reported, and removing the winner uncovers the next layer. Link-local
 * entries are not listed by {@link #forEachOf} (so not by {@code wg show}) nor counted by
 * {@link #size}. Writers are serialized on this object; readers only touch the trie.
 */
public final class AllowedIpsTable {
    /** Told about exact-prefix clashes between a static entry and a route entry. */
    public interface ConflictListener {
        void conflict(Prefix prefix, Peer staticPeer, Target routeTarget);
    }

    private final AllowedIps<Target> trie = new AllowedIps<>();
    private final Map<Prefix, Peer> statics = new HashMap<>();
    private final Map<Peer, List<Prefix>> staticsByPeer = new HashMap<>();
    private final Map<Prefix, Target> routes = new HashMap<>();
    private final Map<Prefix, Peer> linkLocal = new HashMap<>();
    private volatile ConflictListener conflicts = (p, s, r) -> { };
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
        resolutionChange = listener;
    }

    /** Signals {@link #setResolutionChangeListener} listeners; called by the device on peer add. */
    void peersChanged() {
        resolutionChange.run();
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
        Peer old = statics.put(prefix, peer);
        if (old == peer) {
            return;
        }
        if (old != null) {
            staticsByPeer.get(old).remove(prefix);
        }
        staticsByPeer.computeIfAbsent(peer, k -> new ArrayList<>()).add(prefix);
        Target route = routes.get(prefix);
        if (route != null) {
            conflicts.conflict(prefix, peer, route);
        }
        trie.insert(prefix, peer);
        resolutionChange.run();
    }

    /** Removes a static entry if it belongs to {@code peer}; a route entry beneath comes back. */
    public synchronized boolean removeStatic(Peer peer, Prefix prefix) {
        if (statics.get(prefix) != peer) {
            return false;
        }
        statics.remove(prefix);
        staticsByPeer.get(peer).remove(prefix);
        uncover(prefix);
        resolutionChange.run();
        return true;
    }

    /** Drops all static entries of {@code peer} (replace_allowed_ips). Route entries stay. */
    public synchronized void clearStatic(Peer peer) {
        List<Prefix> list = staticsByPeer.remove(peer);
        if (list == null) {
            return;
        }
        for (Prefix p : list) {
            statics.remove(p);
            uncover(p);
        }
        resolutionChange.run();
    }

    private void uncover(Prefix prefix) {
        Target route = routes.get(prefix);
        Peer implicit = linkLocal.get(prefix);
        if (route != null) {
            trie.insert(prefix, route);
        } else if (implicit != null) {
            trie.insert(prefix, implicit);
        } else {
            trie.remove(prefix);
        }
    }

    public synchronized List<Prefix> staticOf(Peer peer) {
        List<Prefix> l = staticsByPeer.get(peer);
        return l == null ? List.of() : List.copyOf(l);
    }

    /** The peer owning {@code prefix} statically, or null. */
    public synchronized Peer staticOwner(Prefix prefix) {
        return statics.get(prefix);
    }

    // ---- route layer (kernel routes, control socket) ----

    /** Sets the route-derived target of {@code prefix}; shadowed (and reported) if static. */
    public synchronized void setRoute(Prefix prefix, Target target) {
        routes.put(prefix, target);
        Peer s = statics.get(prefix);
        if (s != null) {
            conflicts.conflict(prefix, s, target);
            return;
        }
        trie.insert(prefix, target);
    }

    public synchronized void removeRoute(Prefix prefix) {
        if (routes.remove(prefix) != null && !statics.containsKey(prefix)) {
            uncover(prefix);
        }
    }

    public synchronized Target route(Prefix prefix) {
        return routes.get(prefix);
    }

    public synchronized Map<Prefix, Target> routes() {
        return Map.copyOf(routes);
    }

    // ---- link-local layer (implicit, maintained by the device on peer add/remove) ----

    /** Gives {@code peer} its implicit {@code LL(P)/128}; a static or route entry for it still wins. */
    synchronized void addLinkLocal(Peer peer, Prefix prefix) {
        linkLocal.put(prefix, peer);
        if (!statics.containsKey(prefix) && !routes.containsKey(prefix)) {
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
            if (!statics.containsKey(p) && !routes.containsKey(p)) {
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
        removeLinkLocalOf(peer); // first, so that uncovering below never brings it back
        clearStatic(peer);
        List<Prefix> gone = new ArrayList<>();
        routes.forEach((p, t) -> {
            if (t.accepts(peer)) {
                gone.add(p);
            }
        });
        for (Prefix p : gone) {
            removeRoute(p);
        }
        resolutionChange.run();
    }

    /** Effective entries of {@code peer}: its static prefixes and route prefixes that can reach it. */
    public synchronized void forEachOf(Peer peer, BiConsumer<Prefix, Boolean> action) {
        for (Prefix p : staticOf(peer)) {
            action.accept(p, Boolean.TRUE);
        }
        routes.forEach((p, t) -> {
            if (t.accepts(peer) && !statics.containsKey(p)) {
                action.accept(p, Boolean.FALSE);
            }
        });
    }

    /** Entries in effect from the static and route layers (implicit link-local ones not counted). */
    public synchronized int size() {
        int implicitOnly = 0;
        for (Prefix p : linkLocal.keySet()) {
            if (!statics.containsKey(p) && !routes.containsKey(p)) {
                implicitOnly++;
            }
        }
        return trie.size() - implicitOnly;
    }
}
