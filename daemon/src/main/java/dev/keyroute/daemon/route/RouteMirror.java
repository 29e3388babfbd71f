package dev.keyroute.daemon.route;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.ShardedHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The follower's copy of the kernel routes that leave through keyroute interfaces, in the
 * configured tables, grouped by destination prefix. {@link #winner} picks the route the kernel
 * would use among them. Not thread-safe: owned by the follower thread.
 *
 * <p>Across tables the <em>first configured table</em> wins (the order of {@code [keyroute]
 * Tables}); within a table the lowest metric wins, as in the kernel's FIB lookup.
 *
 * <p>A prefix almost always has one route, so its value is that {@link KernelRoute} itself, and a
 * {@code KernelRoute[]} (distinct keys, at least two) only when several tables or metrics hold it:
 * at a million routes a map per prefix would cost a hundred megabytes and two more cache misses
 * per route event.
 */
final class RouteMirror {
    private final List<Integer> tables;
    /** Prefix → {@link KernelRoute}, or {@code KernelRoute[]} of two or more with distinct keys. */
    private final Map<Prefix, Object> byPrefix = new ShardedHashMap<>(); // grows without one long rehash
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
        Object o = byPrefix.get(key.prefix());
        if (o instanceof KernelRoute r) {
            return r.hasKey(key) ? r : null;
        }
        if (o instanceof KernelRoute[] rs) {
            int i = indexOf(rs, key.table(), key.prefix(), key.metric());
            return i < 0 ? null : rs[i];
        }
        return null;
    }

    void put(KernelRoute route) {
        Prefix prefix = route.prefix();
        Object o = byPrefix.putIfAbsent(prefix, route); // one lookup for the common new prefix
        if (o == null) {
            size++;
        } else if (o instanceof KernelRoute r) {
            if (r.sameKey(route)) {
                byPrefix.put(prefix, route);
            } else {
                byPrefix.put(prefix, new KernelRoute[] {r, route});
                size++;
            }
        } else {
            KernelRoute[] rs = (KernelRoute[]) o;
            int i = indexOf(rs, route.table(), prefix, route.metric());
            if (i >= 0) {
                rs = rs.clone();
                rs[i] = route;
            } else {
                rs = Arrays.copyOf(rs, rs.length + 1);
                rs[rs.length - 1] = route;
                size++;
            }
            byPrefix.put(prefix, rs);
        }
    }

    boolean remove(MirrorKey key) {
        Object o = byPrefix.get(key.prefix());
        if (o instanceof KernelRoute r) {
            if (!r.hasKey(key)) {
                return false;
            }
            byPrefix.remove(key.prefix());
        } else if (o instanceof KernelRoute[] rs) {
            int i = indexOf(rs, key.table(), key.prefix(), key.metric());
            if (i < 0) {
                return false;
            }
            byPrefix.put(key.prefix(), rs.length == 2 ? rs[1 - i] : without(rs, i));
        } else {
            return false;
        }
        size--;
        return true;
    }

    /** Drops every route with a path through {@code ifindex}; returns the prefixes touched. */
    Set<Prefix> removeInterface(int ifindex) {
        Set<Prefix> touched = new HashSet<>();
        List<MirrorKey> gone = new ArrayList<>();
        for (Object o : byPrefix.values()) {
            for (KernelRoute r : routes(o)) {
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
        Object o = byPrefix.get(prefix);
        if (!(o instanceof KernelRoute[] rs)) {
            return (KernelRoute) o;
        }
        KernelRoute best = rs[0];
        for (int i = 1; i < rs.length; i++) {
            if (better(rs[i], best)) {
                best = rs[i];
            }
        }
        return best;
    }

    private boolean better(KernelRoute a, KernelRoute b) {
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

    boolean contains(Prefix prefix) {
        return byPrefix.containsKey(prefix);
    }

    /**
     * Reports every prefix whose routes differ between {@code old} and this mirror (changed, new or
     * gone) and empties {@code old}: one lookup in {@code old} per prefix here, then a walk of what
     * is left there. {@code changed} must not modify either mirror.
     */
    void diff(RouteMirror old, Consumer<Prefix> changed) {
        for (Map.Entry<Prefix, Object> e : byPrefix.entrySet()) {
            if (!sameRoutes(e.getValue(), old.byPrefix.remove(e.getKey()))) {
                changed.accept(e.getKey());
            }
        }
        old.byPrefix.keySet().forEach(changed);
        old.clear();
    }

    /** Whether two values of {@link #byPrefix} hold the same routes (in any order). */
    private static boolean sameRoutes(Object a, Object b) {
        if (!(a instanceof KernelRoute[] as) || !(b instanceof KernelRoute[] bs)) {
            return Objects.equals(a, b);
        }
        if (as.length != bs.length) {
            return false;
        }
        for (KernelRoute r : as) {
            int i = indexOf(bs, r.table(), r.prefix(), r.metric());
            if (i < 0 || !bs[i].equals(r)) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return size;
    }

    void clear() {
        byPrefix.clear();
        size = 0;
    }

    private static List<KernelRoute> routes(Object o) {
        if (o instanceof KernelRoute r) {
            return List.of(r);
        }
        return o == null ? List.of() : List.of((KernelRoute[]) o);
    }

    /** Index of the route with key (table, prefix, metric) in {@code rs}, or -1. */
    private static int indexOf(KernelRoute[] rs, int table, Prefix prefix, long metric) {
        for (int i = 0; i < rs.length; i++) {
            if (rs[i].hasKey(table, prefix, metric)) {
                return i;
            }
        }
        return -1;
    }

    private static KernelRoute[] without(KernelRoute[] rs, int i) {
        KernelRoute[] out = new KernelRoute[rs.length - 1];
        System.arraycopy(rs, 0, out, 0, i);
        System.arraycopy(rs, i + 1, out, i, rs.length - i - 1);
        return out;
    }
}
