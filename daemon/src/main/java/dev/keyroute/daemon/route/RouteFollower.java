package dev.keyroute.daemon.route;

import dev.keyroute.netlink.KernelRtnl;
import dev.keyroute.netlink.NetlinkException;
import dev.keyroute.netlink.Rtnl;
import dev.keyroute.netlink.RtnlEvents;
import dev.keyroute.netlink.RtnlOptions;
import dev.keyroute.netlink.socket.RtnlEventSocket;
import dev.keyroute.netlink.spec.Rtnlgrp;
import dev.keyroute.wgcore.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one {@link RouteFollowerAgent} per keyrouted process on its own thread ("route-follower"):
 * opens the event socket (route v4/v6 and link groups) <em>before</em> the first dump so no change
 * falls between them, then cycles until closed.
 */
public final class RouteFollower implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RouteFollower.class.getName());

    /** Opens the two netlink endpoints on the follower thread (in that thread's namespace). */
    public interface Sockets {
        RtnlEvents openEvents(RouteFollowerOptions options) throws NetlinkException;

        Rtnl openRtnl() throws NetlinkException;
    }

    /** The kernel's sockets. */
    public static final Sockets KERNEL = new Sockets() {
        @Override
        public RtnlEvents openEvents(RouteFollowerOptions o) throws NetlinkException {
            return RtnlEventSocket.open(RtnlOptions.EVENTS.withReceiveBufferBytes(o.eventReceiveBuffer()),
                    Rtnlgrp.RTNLGRP_IPV4_ROUTE, Rtnlgrp.RTNLGRP_IPV6_ROUTE, Rtnlgrp.RTNLGRP_LINK);
        }

        @Override
        public Rtnl openRtnl() throws NetlinkException {
            return KernelRtnl.open();
        }
    };

    private final Thread thread;
    private final CompletableFuture<RouteFollowerAgent> started = new CompletableFuture<>();
    private final FollowerCounters counters = new FollowerCounters();
    private volatile boolean running = true;

    private RouteFollower(RouteFollowerOptions options, Sockets sockets) {
        thread = new Thread(() -> run(options, sockets), "route-follower");
        thread.setDaemon(true);
    }

    /** Starts the thread and waits until its sockets are open. */
    public static RouteFollower start(RouteFollowerOptions options, Sockets sockets) throws NetlinkException {
        RouteFollower f = new RouteFollower(options, sockets);
        f.thread.start();
        try {
            f.started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.close();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            f.close();
            if (e.getCause() instanceof NetlinkException ne) {
                throw ne;
            }
            throw new IllegalStateException(e.getCause());
        }
        return f;
    }

    private void run(RouteFollowerOptions options, Sockets sockets) {
        StatusFile status = options.statusFile() == null ? null : new StatusFile(options.statusFile());
        try (RtnlEvents events = sockets.openEvents(options); Rtnl rtnl = sockets.openRtnl()) {
            RouteFollowerAgent agent = new RouteFollowerAgent(options.tables(), rtnl, events, Clock.SYSTEM, counters);
            started.complete(agent);
            while (running) {
                int work = agent.doWork(options.pollInterval());
                if (status != null) {
                    status.update(counters.render(), System.nanoTime(), work == 0);
                }
            }
        } catch (NetlinkException e) {
            started.completeExceptionally(e);
        } catch (RuntimeException | Error e) {
            started.completeExceptionally(e);
            LOG.log(Level.SEVERE, "route follower stopped", e);
        }
    }

    public void addInterface(KeyrouteInterface iface) {
        started.join().addInterface(iface);
    }

    public void removeInterface(int ifindex) {
        started.join().removeInterface(ifindex);
    }

    public FollowerCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
