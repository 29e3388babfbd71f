package dev.keyroute.daemon.route;

import dev.keyroute.config.Prefix;
import dev.keyroute.daemon.notify.RouteNotifier;
import dev.keyroute.wgcore.ShardedHashMap;
import dev.keyroute.wgcore.device.AllowedIpsTable;
import dev.keyroute.wgcore.device.RouteInfo;
import java.net.InetAddress;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds what the follower has applied to one device's AllowedIPs route layer and applies a new
 * outcome for one prefix as the smallest change: insert, remove, or retarget that one prefix
 * ({@code setRoute}/{@code removeRoute}); nothing when the resolution is unchanged. This is the
 * "apply only the difference" half of mark-and-sweep: a resync recomputes outcomes, and only
 * prefixes whose resolution differs touch the trie. Owned by the follower thread.
 */
final class RouteApplier {
    private static final Logger LOG = Logger.getLogger(RouteApplier.class.getName());

    /**
     * The state of one prefix on this device.
     *
     * @param resolution where it goes, null if nowhere (no path resolved)
     * @param pending    next hops that resolved to no peer
     * @param noPeer     the winning route has a path here without a next hop
     * @param info       the winning route's table, protocol and metric
     * @param pendingVia the first pending next hop, or null
     */
    record Outcome(Resolution resolution, int pending, boolean noPeer, RouteInfo info, InetAddress pendingVia) {
        static final Outcome NONE = new Outcome(null, 0, false, RouteInfo.NONE, null);
    }

    private final String ifname;
    private final AllowedIpsTable table;
    private final FollowerCounters counters;
    private final RouteNotifier notifier;
    private final Map<Prefix, Outcome> outcomes = new ShardedHashMap<>(); // grows without one long rehash

    RouteApplier(String ifname, AllowedIpsTable table, FollowerCounters counters, RouteNotifier notifier) {
        this.notifier = notifier;
        this.ifname = ifname;
        this.table = table;
        this.counters = counters;
    }

    void apply(Prefix prefix, Outcome next) {
        Outcome prev = next == Outcome.NONE ? outcomes.remove(prefix) : outcomes.put(prefix, next);
        if (prev == null) {
            prev = Outcome.NONE;
        }
        counters.pending.addAndGet(next.pending() - prev.pending());
        counters.noPeer.addAndGet((next.noPeer() ? 1 : 0) - (prev.noPeer() ? 1 : 0));
        if (next.pending() > prev.pending() && LOG.isLoggable(Level.FINE)) {
            LOG.fine(ifname + ": route " + prefix + " has " + next.pending() + " pending next hop(s)");
        }
        Resolution was = prev.resolution();
        Resolution now = next.resolution();
        if (now == null) {
            if (was != null) {
                table.removeRoute(prefix);
                counters.removals.incrementAndGet();
                counters.prefixes.decrementAndGet();
            }
        } else if (!now.equals(was) || !next.info().equals(prev.info())) {
            table.setRoute(prefix, now.target(), next.info());
            if (was == null) {
                counters.inserts.incrementAndGet();
                counters.prefixes.incrementAndGet();
            } else if (!now.equals(was)) {
                counters.moves.incrementAndGet();
            }
        }
        if (next.pending() > 0 && prev.pending() == 0) {
            notifier.nextHopPending(prefix, next.pendingVia(), next.info());
        } else if (prev.pending() > 0 && next.pending() == 0) {
            if (now != null) {
                notifier.nextHopResolved(prefix, prev.pendingVia(), now.peers().get(0).publicKey());
            } else {
                notifier.nextHopDropped(prefix);
            }
        }
    }

    /** Prefixes with any recorded outcome (applied, pending or no-peer). */
    Set<Prefix> prefixes() {
        return outcomes.keySet();
    }

    Outcome outcome(Prefix prefix) {
        return outcomes.getOrDefault(prefix, Outcome.NONE);
    }
}
