package dev.keyroute.daemon.route;

import dev.keyroute.config.Prefix;
import dev.keyroute.netlink.NextHop;
import dev.keyroute.wgcore.device.RouteInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A mirrored kernel route: its key (table, prefix, metric, held inline rather than as a
 * {@link MirrorKey}: a full table mirrors a million routes, and one object fewer per route is
 * 1.2 M objects fewer for the collector) and those of its paths that leave through a keyroute
 * interface (paths through other devices are not mirrored). Immutable.
 *
 * @param table  routing table id (unsigned 32 bit, as RTA_TABLE)
 * @param prefix destination
 * @param metric RTA_PRIORITY, unsigned 32 bit
 */
record KernelRoute(int table, Prefix prefix, long metric, int protocol, List<NextHop> paths) {
    KernelRoute {
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("a mirrored route has at least one keyroute path");
        }
    }

    KernelRoute(MirrorKey key, int protocol, List<NextHop> paths) {
        this(key.table(), key.prefix(), key.metric(), protocol, paths);
    }

    /** This route's identity as the kernel keys it (a new object: for tests and rare paths). */
    MirrorKey key() {
        return new MirrorKey(table, prefix, metric);
    }

    /** Whether this route is the one {@code key} names, without building its key. */
    boolean hasKey(MirrorKey key) {
        return hasKey(key.table(), key.prefix(), key.metric());
    }

    /** Whether {@code other} has this route's key (the kernel would replace one by the other). */
    boolean sameKey(KernelRoute other) {
        return hasKey(other.table, other.prefix, other.metric);
    }

    /** Whether this route's key is (table, prefix, metric). */
    boolean hasKey(int table, Prefix prefix, long metric) {
        return this.table == table && this.metric == metric && this.prefix.equals(prefix);
    }

    /** This route with the paths of {@code other} added (IPv6 ECMP append), duplicates dropped. */
    KernelRoute union(KernelRoute other) {
        List<NextHop> merged = new ArrayList<>(paths);
        for (NextHop nh : other.paths) {
            if (merged.stream().noneMatch(p -> samePath(p, nh))) {
                merged.add(nh);
            }
        }
        return new KernelRoute(table, prefix, metric, protocol, merged);
    }

    /** This route without the paths matching {@code other}'s; null if nothing is left. */
    KernelRoute minus(KernelRoute other) {
        List<NextHop> left = new ArrayList<>(paths);
        left.removeIf(p -> other.paths.stream().anyMatch(o -> samePath(p, o)));
        return left.isEmpty() ? null : new KernelRoute(table, prefix, metric, protocol, left);
    }

    /** Table, protocol and metric, as the AllowedIPs journal records them. */
    RouteInfo info() {
        return new RouteInfo(table, protocol, (int) metric);
    }

    boolean usesInterface(int ifindex) {
        return paths.stream().anyMatch(p -> p.ifindex() == ifindex);
    }

    static boolean samePath(NextHop a, NextHop b) {
        return a.ifindex() == b.ifindex() && Objects.equals(a.gateway(), b.gateway());
    }
}
