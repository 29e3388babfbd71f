package dev.keyroute.daemon.route;

import dev.keyroute.config.Prefix;
import dev.keyroute.daemon.route.RouteApplier.Outcome;
import dev.keyroute.netlink.AddressMessage;
import dev.keyroute.netlink.DumpInterrupted;
import dev.keyroute.netlink.LinkMessage;
import dev.keyroute.netlink.MessageKind;
import dev.keyroute.netlink.NetlinkException;
import dev.keyroute.netlink.NextHop;
import dev.keyroute.netlink.Overrun;
import dev.keyroute.netlink.RouteMessage;
import dev.keyroute.netlink.Rtnl;
import dev.keyroute.netlink.RtnlEvent;
import dev.keyroute.netlink.RtnlEvents;
import dev.keyroute.netlink.UnknownMessage;
import dev.keyroute.netlink.spec.AddressFamily;
import dev.keyroute.netlink.spec.Netlink;
import dev.keyroute.wgcore.Clock;
import dev.keyroute.wgcore.Interner;
import dev.keyroute.wgcore.device.AllowedIpsTable;
import dev.keyroute.wgcore.device.Peer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The route follower's duty cycle (Agrona agent style): one thread calls {@link #doWork} in a
 * loop and owns all state — the {@link RouteMirror}, the per-interface resolvers and appliers.
 * Other threads talk to it only through the command queue ({@link #addInterface},
 * {@link #removeInterface}) and the re-resolve signal raised by the devices' AllowedIPs tables.
 *
 * <p>Each cycle: run queued commands; re-resolve every followed prefix if peers or static entries
 * changed; run a pending resync (full dump, mark-and-sweep, apply only the difference); then
 * handle the events the socket delivers, each as an incremental change of one prefix.
 */
public final class RouteFollowerAgent {
    private static final Logger LOG = Logger.getLogger(RouteFollowerAgent.class.getName());
    private static final long RESYNC_RETRY_NANOS = Duration.ofMillis(200).toNanos();
    /** Longest a pending resync waits for the event stream to go quiet. */
    static final long MAX_RESYNC_DEFER_NANOS = Duration.ofMillis(500).toNanos();
    /** Bound on emptying the event socket before a dump (see {@link #drainUntilEmpty()}). */
    static final long MAX_PRE_DUMP_DRAIN_NANOS = Duration.ofSeconds(5).toNanos();
    private static final long ERROR_BACKOFF_NANOS = Duration.ofMillis(100).toNanos();
    private static final int[] FAMILIES = {AddressFamily.AF_INET, AddressFamily.AF_INET6};

    private static final class Followed {
        final KeyrouteInterface iface;
        final NextHopResolver resolver;
        final RouteApplier applier;
        boolean up;

        Followed(KeyrouteInterface iface, FollowerCounters counters) {
            this.iface = iface;
            this.resolver = new NextHopResolver(iface.device());
            this.applier = new RouteApplier(iface.name(), iface.device().allowedIps(), counters, iface.notifier());
        }
    }

    private final Rtnl rtnl;
    private final RtnlEvents events;
    private final Clock clock;
    private final List<Integer> tables;
    private final FollowerCounters counters;
    private final Map<Integer, Followed> followed = new LinkedHashMap<>();
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean reresolve = new AtomicBoolean();
    private final Interner<NextHop> nextHops = new Interner<>();
    private final Interner<List<NextHop>> pathLists = new Interner<>();
    private final Interner<Outcome> outcomes = new Interner<>();
    private RouteMirror mirror;
    private boolean resyncRequested;
    private String resyncReason;
    /**
     * Whether every applier holds the outcome of the mirror's current winner for each prefix (so a
     * resync need only recompute the prefixes whose routes the dump changed). False after an event
     * failed half-way or a link's state changed without a recompute.
     */
    private boolean appliersMatchMirror = true;
    private long resyncNotBefore;
    private long resyncRequestedAt;

    public RouteFollowerAgent(List<Integer> tables, Rtnl rtnl, RtnlEvents events, Clock clock, FollowerCounters counters) {
        this.tables = List.copyOf(tables);
        this.rtnl = rtnl;
        this.events = events;
        this.clock = clock;
        this.counters = counters;
        this.mirror = new RouteMirror(this.tables);
    }

    public FollowerCounters counters() {
        return counters;
    }

    // ---- commands (any thread) ----

    /** Starts following routes through {@code iface}; a full dump follows. */
    public void addInterface(KeyrouteInterface iface) {
        commands.add(() -> onAddInterface(iface));
    }

    /** Stops following {@code ifindex} and withdraws its route entries. */
    public void removeInterface(int ifindex) {
        commands.add(() -> onRemoveInterface(ifindex));
    }

    /** Requests a full resync (e.g. from an operator command). */
    public void requestResync(String reason) {
        commands.add(() -> scheduleResync(reason));
    }

    // ---- duty cycle (follower thread) ----

    /** One cycle; waits up to {@code timeout} for events when there is nothing else to do. */
    public int doWork(Duration timeout) {
        int work = 0;
        for (Runnable c; (c = commands.poll()) != null; work++) {
            c.run();
        }
        if (reresolve.getAndSet(false)) {
            outcomes.clear(); // a peer may have gone: shared outcomes must not keep it alive
            for (Followed f : followed.values()) {
                f.resolver.refresh();
            }
            recomputeAll(mirror);
            work++;
        }
        if (resyncRequested) {
            work += drainBeforeResync();
        } else {
            work += pollEvents(work > 0 ? Duration.ZERO : timeout, this::onEventSafely);
        }
        counters.routes.set(mirror.size());
        return work;
    }

    /**
     * While a resync is pending the dump waits until the event socket is quiet (or at most
     * {@link #MAX_RESYNC_DEFER_NANOS}), so a burst that overruns the socket many times costs one
     * dump, not one per overrun. Events drained meanwhile are still applied: they keep AllowedIPs
     * close to the kernel for the data plane and leave the dump only the lost changes to repair.
     */
    private int drainBeforeResync() {
        int drained = pollEvents(Duration.ZERO, this::onEventSafely);
        long now = clock.nanoTime();
        boolean quiet = drained == 0 || now - resyncRequestedAt >= MAX_RESYNC_DEFER_NANOS;
        if (quiet && now - resyncNotBefore >= 0) {
            resync();
            return drained + 1;
        }
        return drained;
    }

    private int pollEvents(Duration wait, java.util.function.Consumer<RtnlEvent> consumer) {
        try {
            return events.poll(wait, consumer);
        } catch (NetlinkException e) {
            LOG.warning("route follower: reading events failed (" + e.getMessage() + "); resyncing");
            scheduleResync("event socket error");
            java.util.concurrent.locks.LockSupport.parkNanos(ERROR_BACKOFF_NANOS); // no busy loop on a broken socket
            return 1;
        }
    }

    private void onEventSafely(RtnlEvent e) {
        try {
            onEvent(e);
        } catch (RuntimeException ex) {
            appliersMatchMirror = false; // the mirror may have changed without its recompute
            counters.unknownMessages.incrementAndGet();
            LOG.warning("route follower: cannot handle " + e + ": " + ex + "; resyncing");
            scheduleResync("unhandled event");
        }
    }

    private void onEvent(RtnlEvent e) {
        switch (e) {
            case RouteMessage m -> onRoute(m);
            case LinkMessage l -> onLink(l);
            case Overrun o -> {
                counters.overruns.incrementAndGet();
                notifyAll(n -> n.netlinkOverrun());
                scheduleResync("overrun (" + o.cause() + ")");
            }
            case DumpInterrupted d -> {
                counters.overruns.incrementAndGet();
                scheduleResync("interrupted dump");
            }
            case UnknownMessage u -> counters.unknownMessages.incrementAndGet();
            case AddressMessage a -> { }
        }
    }

    // ---- route events ----

    private void onRoute(RouteMessage m) {
        long received = System.nanoTime();
        counters.routeEvents.incrementAndGet();
        MirrorKey key = RouteTranslator.key(m);
        if (key == null || !mirror.followsTable(key.table())) {
            counters.ignoredRoutes.incrementAndGet();
            notifyAll(n -> n.routeEvent("ignored"));
            return;
        }
        if (applyToMirror(key, m)) {
            recompute(key.prefix());
            notifyAll(n -> {
                n.routeEvent(m.kind() == MessageKind.NEW ? "add" : "del");
                n.routeApplied(received);
            });
        } else {
            notifyAll(n -> n.routeEvent("ignored"));
        }
    }

    private void notifyAll(java.util.function.Consumer<dev.keyroute.daemon.notify.RouteNotifier> call) {
        for (Followed f : followed.values()) {
            call.accept(f.iface.notifier());
        }
    }

    /** Updates the mirror for one route message; false if it changed nothing followed. */
    private boolean applyToMirror(MirrorKey key, RouteMessage m) {
        KernelRoute incoming = RouteTranslator.followed(key, m, this::isFollowedUp, nextHops, pathLists);
        KernelRoute existing = mirror.get(key);
        if (incoming == null && existing == null) {
            counters.ignoredRoutes.incrementAndGet();
            return false;
        }
        boolean v6 = key.prefix().isIpv6();
        if (m.kind() == MessageKind.NEW) {
            if (incoming == null) {
                // Another device's or a non-unicast route took this key (replace), or an IPv4
                // alias was appended behind ours (the first one stays in use).
                if (m.isReplace()) {
                    mirror.remove(key);
                } else {
                    return false;
                }
            } else if (existing == null || m.isReplace()) {
                mirror.put(incoming);
            } else if (v6) {
                mirror.put(existing.union(incoming)); // IPv6 ECMP: a sibling path was appended
            } else if ((m.nlFlags() & Netlink.NLM_F_APPEND) != 0) {
                return false; // IPv4 alias appended behind the route in use
            } else {
                mirror.put(incoming);
            }
        } else {
            if (existing == null) {
                return false;
            }
            KernelRoute left = v6 && incoming != null && existing.paths().size() > incoming.paths().size()
                    ? existing.minus(incoming) : null;
            if (left == null) {
                mirror.remove(key);
            } else {
                mirror.put(left); // one IPv6 sibling deleted
            }
        }
        return true;
    }

    private boolean isFollowedUp(int ifindex) {
        Followed f = followed.get(ifindex);
        return f != null && f.up;
    }

    // ---- link events ----

    private void onLink(LinkMessage l) {
        counters.linkEvents.incrementAndGet();
        Followed f = followed.get(l.ifindex());
        if (f == null) {
            return;
        }
        boolean upNow = !l.isDeleted() && l.isUp();
        if (f.up && !upNow) {
            f.up = false;
            Set<Prefix> touched = mirror.removeInterface(l.ifindex());
            touched.forEach(this::recompute);
            counters.linkDrops.incrementAndGet();
            LOG.info("route follower: " + f.iface.name() + (l.isDeleted() ? " deleted" : " down")
                    + ", dropped routes of " + touched.size() + " prefixes");
            scheduleResync("link " + f.iface.name() + " down");
        } else if (!f.up && upNow) {
            f.up = true;
            appliersMatchMirror = false; // recomputed in full by the resync
            scheduleResync("link " + f.iface.name() + " up");
        }
    }

    // ---- resolution ----

    private void recompute(Prefix prefix) {
        KernelRoute winner = mirror.winner(prefix);
        for (Followed f : followed.values()) {
            f.applier.apply(prefix, outcomeFor(winner, f));
        }
    }

    /**
     * Recomputes every prefix of the mirror, of {@code old} (the mirror a resync replaced, or the
     * mirror itself) and of the appliers. Recomputing is idempotent, so a prefix met twice costs
     * only time; the prefixes outside the mirror are copied first, as recomputing edits the
     * appliers' sets.
     */
    private void recomputeAll(RouteMirror old) {
        for (Prefix p : mirror.prefixes()) {
            recompute(p);
        }
        List<Prefix> rest = new ArrayList<>();
        if (old != mirror) {
            for (Prefix p : old.prefixes()) {
                if (!mirror.contains(p)) {
                    rest.add(p);
                }
            }
        }
        for (Followed f : followed.values()) {
            for (Prefix p : f.applier.prefixes()) {
                if (!mirror.contains(p)) {
                    rest.add(p);
                }
            }
        }
        rest.forEach(this::recompute);
    }

    /**
     * Recomputes only the prefixes whose mirrored routes differ between {@code old} (emptied) and
     * the mirror; valid while {@link #appliersMatchMirror}: an unchanged set of routes has an
     * unchanged winner, so its outcome is what the appliers already hold.
     */
    private void recomputeChanged(RouteMirror old) {
        mirror.diff(old, this::recompute);
    }

    private Outcome outcomeFor(KernelRoute winner, Followed f) {
        if (winner == null || !f.up) {
            return Outcome.NONE;
        }
        Resolution.Builder b = new Resolution.Builder();
        int pending = 0;
        boolean noPeer = false;
        java.net.InetAddress pendingVia = null;
        for (NextHop nh : winner.paths()) {
            if (nh.ifindex() != f.iface.ifindex()) {
                continue;
            }
            if (nh.gateway() == null) {
                noPeer = true;
                continue;
            }
            Peer p = f.resolver.resolve(nh.gateway());
            if (p == null) {
                pending++;
                pendingVia = pendingVia == null ? nh.gateway() : pendingVia;
            } else {
                b.add(p, nh.weight());
            }
        }
        Resolution r = b.build();
        if (r == null && pending == 0 && !noPeer) {
            return Outcome.NONE;
        }
        return outcomes.intern(new Outcome(r, pending, noPeer, winner.info(), pendingVia)); // one per peer and route info
    }

    // ---- resync: dump, mark-and-sweep, apply the difference ----

    private void scheduleResync(String reason) {
        if (!resyncRequested) {
            resyncRequested = true;
            resyncReason = reason;
            resyncNotBefore = clock.nanoTime();
            resyncRequestedAt = resyncNotBefore;
        }
    }

    private void resync() {
        long t0 = System.nanoTime();
        drainUntilEmpty();
        String reason = resyncReason;
        notifyAll(n -> n.resyncStarted(reason));
        RouteMirror fresh = new RouteMirror(tables);
        try {
            Set<Integer> upLinks = new HashSet<>();
            for (LinkMessage l : rtnl.dumpLinks()) {
                if (l.isUp()) {
                    upLinks.add(l.ifindex());
                }
            }
            for (Followed f : followed.values()) {
                boolean up = upLinks.contains(f.iface.ifindex());
                if (up != f.up) {
                    f.up = up;
                    appliersMatchMirror = false; // outcomes depend on it: recompute all below
                }
            }
            for (int table : tables) {
                for (int family : FAMILIES) {
                    for (RouteMessage m : rtnl.dumpRoutes(family, table)) {
                        addDumped(fresh, m);
                    }
                }
            }
        } catch (NetlinkException e) {
            counters.resyncFailures.incrementAndGet();
            resyncNotBefore = clock.nanoTime() + RESYNC_RETRY_NANOS;
            LOG.warning("route follower: resync (" + resyncReason + ") failed: " + e.getMessage() + "; retrying");
            return;
        }
        resyncRequested = false;
        long before = counters.inserts() + counters.removals() + counters.moves();
        RouteMirror old = mirror;
        mirror = fresh; // sweep: whatever the dump did not mark is gone
        if (appliersMatchMirror) {
            recomputeChanged(old);
        } else {
            recomputeAll(old);
            appliersMatchMirror = true;
        }
        long changes = counters.inserts() + counters.removals() + counters.moves() - before;
        long micros = (System.nanoTime() - t0) / 1000;
        counters.resyncs.incrementAndGet();
        counters.lastResyncMicros.set(micros);
        counters.routes.set(mirror.size());
        int routes = mirror.size();
        notifyAll(n -> n.resyncFinished(routes));
        LOG.info("route follower: resync #" + counters.resyncs() + " (" + resyncReason + "): " + mirror.size()
                + " routes, " + changes + " AllowedIPs changes, " + counters.pending() + " pending next hops, "
                + (micros / 1000) + " ms");
    }

    /**
     * Reads the event socket until it is empty before dumping. The kernel reports ENOBUFS only on
     * the transition into "congested", and clears that state only when a read leaves the socket's
     * queue empty; a dump started while the queue is still backed up from the last overrun would
     * lose the events that overflow during the dump <i>silently</i> (seen with 1M deletes: the
     * mirror kept 674k routes the kernel no longer had). After this drain any later loss is
     * reported as a new overrun and triggers another resync. Bounded, so a flood that never lets
     * the queue empty still gets its dump (and its next overrun).
     */
    private void drainUntilEmpty() {
        long deadline = clock.nanoTime() + MAX_PRE_DUMP_DRAIN_NANOS;
        while (pollEvents(Duration.ZERO, this::onEventSafely) > 0 && clock.nanoTime() - deadline < 0) {
            // applying them is harmless: the dump below is the authority
        }
    }

    private void addDumped(RouteMirror into, RouteMessage m) {
        MirrorKey key = RouteTranslator.key(m);
        if (key == null || !into.followsTable(key.table())) {
            return;
        }
        KernelRoute r = RouteTranslator.followed(key, m, this::isFollowedUp, nextHops, pathLists);
        if (r != null) {
            KernelRoute existing = into.get(key);
            into.put(existing == null ? r : existing.union(r));
        }
    }

    // ---- interfaces ----

    private void onAddInterface(KeyrouteInterface iface) {
        Followed f = new Followed(iface, counters);
        followed.put(iface.ifindex(), f);
        AllowedIpsTable table = iface.device().allowedIps();
        table.setResolutionChangeListener(() -> reresolve.set(true));
        table.setConflictListener((prefix, staticPeer, routeTarget) -> {
            counters.conflicts.incrementAndGet();
            iface.notifier().conflict(prefix, "static-shadows-route");
            LOG.warning(iface.name() + ": " + prefix + " is both a static AllowedIP and a route; the static entry wins");
        });
        LOG.info("route follower: following " + iface.name() + " (ifindex " + iface.ifindex() + ") in tables " + tables);
        scheduleResync("start " + iface.name());
    }

    private void onRemoveInterface(int ifindex) {
        Followed f = followed.remove(ifindex);
        if (f == null) {
            return;
        }
        for (Prefix p : new ArrayList<>(f.applier.prefixes())) {
            f.applier.apply(p, Outcome.NONE);
        }
        f.iface.device().allowedIps().setResolutionChangeListener(() -> { });
        mirror.removeInterface(ifindex).forEach(this::recompute);
    }
}
