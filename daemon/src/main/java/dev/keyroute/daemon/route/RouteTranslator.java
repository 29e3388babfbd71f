package dev.keyroute.daemon.route;

import dev.keyroute.config.Prefix;
import dev.keyroute.netlink.NextHop;
import dev.keyroute.netlink.RouteMessage;
import dev.keyroute.netlink.spec.AddressFamily;
import dev.keyroute.wgcore.Interner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Turns a kernel {@link RouteMessage} into the mirror's terms: its {@link MirrorKey} and, if it is
 * a unicast route with at least one path through a keyroute interface, a {@link KernelRoute} with
 * those paths only. Stateless apart from the {@link Interner} it is given.
 */
final class RouteTranslator {
    private RouteTranslator() {
    }

    /** The key, or null for a message that is not an IPv4/IPv6 route or is malformed. */
    static MirrorKey key(RouteMessage m) {
        if (m.family() != AddressFamily.AF_INET && m.family() != AddressFamily.AF_INET6) {
            return null;
        }
        if (m.dst() == null || m.srcLen() != 0) {
            return null; // source-specific routes are not destination routes: not followed
        }
        try {
            return new MirrorKey(m.table(), Prefix.of(m.dst(), m.dstLen()), m.priority());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The followed part of {@code m}, or null if no unicast path leaves through a keyroute
     * interface; its paths are the shared instances of {@code nextHops}, in a list shared through
     * {@code pathLists} (a million routes via a thousand peers hold a thousand lists).
     */
    static KernelRoute followed(MirrorKey key, RouteMessage m, IntPredicate isKeyrouteInterface, Interner<NextHop> nextHops,
                                Interner<List<NextHop>> pathLists) {
        if (!m.isUnicast()) {
            return null;
        }
        List<NextHop> mine = new ArrayList<>(2);
        for (NextHop nh : m.paths()) {
            if (isKeyrouteInterface.test(nh.ifindex())) {
                mine.add(nextHops.intern(nh));
            }
        }
        return mine.isEmpty() ? null : new KernelRoute(key, m.protocol(), pathLists.intern(List.copyOf(mine)));
    }
}
