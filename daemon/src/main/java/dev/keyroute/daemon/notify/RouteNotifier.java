package dev.keyroute.daemon.notify;

import dev.keyroute.config.Key;
import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.device.RouteInfo;
import java.net.InetAddress;

/**
 * What the route follower tells the rest of keyrouted besides the AllowedIPs changes themselves
 * (those reach the {@link Journal} from the table). Subscribers of the control socket see the
 * journalled calls as events; the metrics count all of them.
 *
 * <ul>
 *   <li>{@link #routeEvent(String)}: one kernel route message handled, by type (e.g. {@code add},
 *       {@code del}, {@code ignored}); metrics only.</li>
 *   <li>{@link #routeApplied(long)}: a route message reached the trie; the argument is the
 *       {@link System#nanoTime()} at which the message was read from netlink (latency histogram).</li>
 *   <li>{@link #netlinkOverrun()}: the kernel dropped messages (ENOBUFS); a resync follows.</li>
 *   <li>{@link #resyncStarted(String)} / {@link #resyncFinished(int)}: a full dump is being
 *       reconciled; journalled.</li>
 *   <li>{@link #nextHopPending}: a route's next hop maps to no known peer yet; {@link #nextHopResolved}
 *       when it does, {@link #nextHopDropped} when the route went away while pending; journalled and
 *       counted in the pending gauge (keyed by prefix).</li>
 *   <li>{@link #conflict(Prefix, String)}: a clash the follower detected (reason is one token).</li>
 * </ul>
 * Every method must be cheap and never block; all have no-op defaults. keyrouted hands the route
 * follower its interface's notifier ({@code InterfaceRuntime.routeNotifier()}: the journal and the
 * metrics together); tests may use {@link #NONE}. Route entries themselves go to
 * {@code AllowedIpsTable.setRoute(prefix, target, new RouteInfo(table, protocol, metric))} and
 * {@code removeRoute(prefix)}, which journal add/del/move/update on their own.
 */
public interface RouteNotifier {
    RouteNotifier NONE = new RouteNotifier() {
    };

    default void routeEvent(String type) {
    }

    default void routeApplied(long receivedNanoTime) {
    }

    default void netlinkOverrun() {
    }

    default void resyncStarted(String reason) {
    }

    default void resyncFinished(int routes) {
    }

    default void nextHopPending(Prefix prefix, InetAddress via, RouteInfo info) {
    }

    default void nextHopResolved(Prefix prefix, InetAddress via, Key peer) {
    }

    default void nextHopDropped(Prefix prefix) {
    }

    default void conflict(Prefix prefix, String reason) {
    }

    /** A notifier that calls {@code a} then {@code b}. */
    static RouteNotifier both(RouteNotifier a, RouteNotifier b) {
        return new RouteNotifier() {
            @Override
            public void routeEvent(String type) {
                a.routeEvent(type);
                b.routeEvent(type);
            }

            @Override
            public void routeApplied(long receivedNanoTime) {
                a.routeApplied(receivedNanoTime);
                b.routeApplied(receivedNanoTime);
            }

            @Override
            public void netlinkOverrun() {
                a.netlinkOverrun();
                b.netlinkOverrun();
            }

            @Override
            public void resyncStarted(String reason) {
                a.resyncStarted(reason);
                b.resyncStarted(reason);
            }

            @Override
            public void resyncFinished(int routes) {
                a.resyncFinished(routes);
                b.resyncFinished(routes);
            }

            @Override
            public void nextHopPending(Prefix prefix, InetAddress via, RouteInfo info) {
                a.nextHopPending(prefix, via, info);
                b.nextHopPending(prefix, via, info);
            }

            @Override
            public void nextHopResolved(Prefix prefix, InetAddress via, Key peer) {
                a.nextHopResolved(prefix, via, peer);
                b.nextHopResolved(prefix, via, peer);
            }

            @Override
            public void nextHopDropped(Prefix prefix) {
                a.nextHopDropped(prefix);
                b.nextHopDropped(prefix);
            }

            @Override
            public void conflict(Prefix prefix, String reason) {
                a.conflict(prefix, reason);
                b.conflict(prefix, reason);
            }
        };
    }
}
