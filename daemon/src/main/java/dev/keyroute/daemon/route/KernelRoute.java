package dev.keyroute.daemon.route;

import dev.keyroute.netlink.NextHop;
import dev.keyroute.wgcore.device.RouteInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A mirrored kernel route: its key and those of its paths that leave through a keyroute interface
 * (paths through other devices are not mirrored). Immutable.
 */
record KernelRoute(MirrorKey key, int protocol, List<NextHop> paths) {
    KernelRoute {
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("a mirrored route has at least one keyroute path");
        }
    }

    /** This route with the paths of {@code other} added (IPv6 ECMP append), duplicates dropped. */
    KernelRoute union(KernelRoute other) {
        List<NextHop> merged = new ArrayList<>(paths);
        for (NextHop nh : other.paths) {
            if (merged.stream().noneMatch(p -> samePath(p, nh))) {
                merged.add(nh);
            }
        }
        return new KernelRoute(key, protocol, merged);
    }

    /** This route without the paths matching {@code other}'s; null if nothing is left. */
    KernelRoute minus(KernelRoute other) {
        List<NextHop> left = new ArrayList<>(paths);
        left.removeIf(p -> other.paths.stream().anyMatch(o -> samePath(p, o)));
        return left.isEmpty() ? null : new KernelRoute(key, protocol, left);
    }

    /** Table, protocol and metric, as the AllowedIPs journal records them. */
    RouteInfo info() {
        return new RouteInfo(key.table(), protocol, (int) key.metric());
    }

    boolean usesInterface(int ifindex) {
        return paths.stream().anyMatch(p -> p.ifindex() == ifindex);
    }

    static boolean samePath(NextHop a, NextHop b) {
        return a.ifindex() == b.ifindex() && Objects.equals(a.gateway(), b.gateway());
    }
}
