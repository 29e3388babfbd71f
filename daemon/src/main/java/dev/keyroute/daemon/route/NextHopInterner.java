package dev.keyroute.daemon.route;

import dev.keyroute.netlink.NextHop;
import java.util.HashMap;
import java.util.Map;

/**
 * One shared {@link NextHop} per distinct path. Every route message brings its own gateway
 * address objects, but a table of a million routes has about as many distinct next hops as peers:
 * sharing them saves ~130 bytes per mirrored route and makes comparing two mirrored routes (a
 * resync compares every route it dumps) an identity check per path. Bounded: forgets everything
 * when it grows past {@value #MAX}, which only costs sharing. Owned by the follower thread.
 */
final class NextHopInterner {
    static final int MAX = 1 << 16;

    private final Map<NextHop, NextHop> canonical = new HashMap<>();

    NextHop intern(NextHop nh) {
        NextHop known = canonical.putIfAbsent(nh, nh);
        if (known != null) {
            return known;
        }
        if (canonical.size() > MAX) {
            canonical.clear();
        }
        return nh;
    }

    int size() {
        return canonical.size();
    }
}
