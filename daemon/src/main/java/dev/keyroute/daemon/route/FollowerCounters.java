package dev.keyroute.daemon.route;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the route follower has done, readable from any thread (metrics, status file, tests).
 * Counters only grow; gauges ({@code routes}, {@code prefixes}, {@code pending},
 * {@code noPeer}) describe the current state.
 */
public final class FollowerCounters {
    final AtomicLong routeEvents = new AtomicLong();
    final AtomicLong linkEvents = new AtomicLong();
    final AtomicLong ignoredRoutes = new AtomicLong();
    final AtomicLong unknownMessages = new AtomicLong();
    final AtomicLong overruns = new AtomicLong();
    final AtomicLong resyncs = new AtomicLong();
    final AtomicLong resyncFailures = new AtomicLong();
    final AtomicLong lastResyncMicros = new AtomicLong();
    final AtomicLong linkDrops = new AtomicLong();
    final AtomicLong inserts = new AtomicLong();
    final AtomicLong removals = new AtomicLong();
    final AtomicLong moves = new AtomicLong();
    final AtomicLong conflicts = new AtomicLong();
    final AtomicLong routes = new AtomicLong();
    final AtomicLong prefixes = new AtomicLong();
    final AtomicLong pending = new AtomicLong();
    final AtomicLong noPeer = new AtomicLong();

    /** Route events received (RTM_NEWROUTE / RTM_DELROUTE), followed or not. */
    public long routeEvents() { return routeEvents.get(); }
    /** Route messages outside the followed set (other device, table, type) that changed nothing. */
    public long ignoredRoutes() { return ignoredRoutes.get(); }
    /** Messages the parser could not model (reported, never fatal). */
    public long unknownMessages() { return unknownMessages.get(); }
    /** Overrun / interrupted-dump signals received. */
    public long overruns() { return overruns.get(); }
    /** Full dumps reconciled (start-up, overrun, link change). */
    public long resyncs() { return resyncs.get(); }
    public long resyncFailures() { return resyncFailures.get(); }
    /** Duration of the latest resync (dump + reconcile) in microseconds. */
    public long lastResyncMicros() { return lastResyncMicros.get(); }
    /** Link down / delete events that dropped an interface's routes. */
    public long linkDrops() { return linkDrops.get(); }
    /** Route-layer inserts, removals and target changes applied to AllowedIPs. */
    public long inserts() { return inserts.get(); }
    public long removals() { return removals.get(); }
    public long moves() { return moves.get(); }
    /** Exact-prefix clashes between a static entry and a route entry (static wins). */
    public long conflicts() { return conflicts.get(); }
    /** Gauge: mirrored kernel routes. */
    public long routes() { return routes.get(); }
    /** Gauge: prefixes currently in the route layer of all followed devices. */
    public long prefixes() { return prefixes.get(); }
    /** Gauge: next hops of winning routes that resolve to no peer (yet). */
    public long pending() { return pending.get(); }
    /** Gauge: winning routes on a keyroute interface without any next hop (map to no peer). */
    public long noPeer() { return noPeer.get(); }

    /** {@code name value} lines, stable order, for the status file. */
    public String render() {
        return "route_events " + routeEvents() + "\nlink_events " + linkEvents.get()
                + "\nignored_routes " + ignoredRoutes() + "\nunknown_messages " + unknownMessages()
                + "\noverruns " + overruns() + "\nresyncs " + resyncs() + "\nresync_failures " + resyncFailures()
                + "\nlast_resync_micros " + lastResyncMicros() + "\nlink_drops " + linkDrops()
                + "\ninserts " + inserts() + "\nremovals " + removals() + "\nmoves " + moves()
                + "\nconflicts " + conflicts() + "\nroutes " + routes() + "\nprefixes " + prefixes()
                + "\npending " + pending() + "\nno_peer " + noPeer() + "\n";
    }
}
