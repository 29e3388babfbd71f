package dev.keyroute.daemon.route;

import dev.keyroute.config.Prefix;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The follower's copy of the kernel routes that leave through keyroute interfaces, in the
 * configured tables, grouped by destination prefix. {@link #winner} picks the route the kernel
 * would use among them. Not thread-safe: owned by the follower thread.
 *
 * <p>Across tables the <em>first configured table</em> wins (the order of {@code [keyroute]
 * Tables}); within a table the lowest metric wins, as in the kernel's FIB lookup.
 */
final class RouteMirror {
    private final List<Integer> tables;
    private final Map<Prefix, Map<MirrorKey, KernelRoute>> byPrefix = new HashMap<>();
    private int size;

    RouteMirror(List<Integer> tables) {
        this.tables = List.copyOf(tables);
    }

    boolean followsTable(int table) {
        return tables.contains(table);
    }

    List<Integer> tables() {
        return tables;
    }

    KernelRoute get(MirrorKey key) {
        Map<MirrorKey, KernelRoute> m = byPrefix.get(key.prefix());
        return m == null ? null : m.get(key);
    }

    void put(KernelRoute route) {
        Map<MirrorKey, KernelRoute> m = byPrefix.computeIfAbsent(route.key().prefix(), k -> new HashMap<>(2));
        if (m.put(route.key(), route) == null) {
            size++;
        }
    }

    boolean remove(MirrorKey key) {
        Map<MirrorKey, KernelRoute> m = byPrefix.get(key.prefix());
        if (m == null || m.remove(key) == null) {
            return false;
        }
        size--;
        if (m.isEmpty()) {
            byPrefix.remove(key.prefix());
        }
        return true;
    }

    /** Drops every route with a path through {@code ifindex}; returns the prefixes touched. */
    Set<Prefix> removeInterface(int ifindex) {
        Set<Prefix> touched = new HashSet<>();
        List<MirrorKey> gone = new ArrayList<>();
        for (Map<MirrorKey, KernelRoute> m : byPrefix.values()) {
            for (KernelRoute r : m.values()) {
                if (r.usesInterface(ifindex)) {
                    gone.add(r.key());
                }
            }
        }
        for (MirrorKey k : gone) {
            remove(k);
            touched.add(k.prefix());
        }
        return touched;
    }

    /** The route the kernel would use for {@code prefix} among the mirrored ones, or null. */
    KernelRoute winner(Prefix prefix) {
        Map<MirrorKey, KernelRoute> m = byPrefix.get(prefix);
        if (m == null) {
            return null;
        }
        KernelRoute best = null;
        for (KernelRoute r : m.values()) {
            if (best == null || better(r.key(), best.key())) {
                best = r;
            }
        }
        return best;
    }

    private boolean better(MirrorKey a, MirrorKey b) {
        int ra = tables.indexOf(a.table());
        int rb = tables.indexOf(b.table());
        if (ra != rb) {
            return ra < rb;
        }
        return Long.compareUnsigned(a.metric(), b.metric()) < 0;
    }

    Set<Prefix> prefixes() {
        return byPrefix.keySet();
    }

    Collection<KernelRoute> routesOf(Prefix prefix) {
        Map<MirrorKey, KernelRoute> m = byPrefix.get(prefix);
        return m == null ? List.of() : m.values();
    }

    int size() {
        return size;
    }

    void clear() {
        byPrefix.clear();
        size = 0;
    }
}
