package dev.keyroute.daemon;

import dev.keyroute.config.ConfigException;
import dev.keyroute.config.ConfigParser;
import dev.keyroute.config.KeyrouteOptions;
import dev.keyroute.config.WgConfig;
import dev.keyroute.daemon.route.KeyrouteInterface;
import dev.keyroute.daemon.route.RouteFollower;
import dev.keyroute.daemon.route.RouteFollowerOptions;
import dev.keyroute.wgcore.uapi.UapiServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyrouted <ifname> [--config FILE]}: runs one keyroute interface in the foreground (the
 * launcher script detaches it like wireguard-go unless {@code -f}). With no interface name it runs
 * the self-contained demo in network namespaces.
 */
@Command(name = "keyrouted", mixinStandardHelpOptions = true, version = "keyrouted 0.1.0",
        description = "Userspace WireGuard whose AllowedIPs follow the kernel routing table.")
public final class KeyroutedMain implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(KeyroutedMain.class.getName());

    @Parameters(index = "0", arity = "0..1", paramLabel = "IFNAME", description = "interface to create (omit for the demo)")
    String ifname;

    @Option(names = "--config", paramLabel = "FILE", description = "wg-quick style config to apply at start")
    Path config;

    @Option(names = {"-f", "--foreground"}, description = "stay in the foreground (the launcher handles detaching)")
    boolean foreground;

    @Option(names = "--uapi-dir", paramLabel = "DIR", description = "directory of the UAPI socket (default /var/run/wireguard)")
    Path uapiDir = UapiServer.DEFAULT_DIR;

    @Option(names = "--netlink-rcvbuf", hidden = true, paramLabel = "BYTES",
            description = "receive buffer of the route event socket (tests shrink it to provoke overruns)")
    Integer netlinkRcvbuf;

    @Option(names = "--route-status", paramLabel = "FILE",
            description = "write the route follower's counters to FILE (name value lines)")
    Path routeStatus;

    @Override
    public Integer call() throws Exception {
        if (ifname == null) {
            return new Demo(System.out).run();
        }
        if (ifname.length() > 15 || !ifname.matches("[A-Za-z0-9_.=+-]+")) {
            System.err.println("keyrouted: invalid interface name '" + ifname + "'");
            return 2;
        }
        WgConfig cfg = null;
        if (config != null) {
            try {
                cfg = ConfigParser.parse(config);
            } catch (ConfigException e) {
                System.err.println("keyrouted: " + e.getMessage());
                return 1;
            }
        }
        InterfaceRuntime rt = InterfaceRuntime.start(ifname, cfg, uapiDir);
        AtomicReference<RouteFollower> follower = new AtomicReference<>();
        CountDownLatch stop = new CountDownLatch(1);
        // The hook goes in before anything slow: a SIGTERM right after the socket appears still cleans up.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down " + ifname);
            rt.close(); // first: the UAPI socket and the link go at once (wg-quick down waits for them)
            RouteFollower f = follower.get();
            if (f != null) {
                f.close();
            }
            stop.countDown();
        }, "shutdown"));
        rt.onUapiSocketDeleted(() -> System.exit(0));
        try {
            RouteFollower f = RouteFollower.start(followerOptions(cfg), RouteFollower.KERNEL);
            follower.set(f);
            f.addInterface(new KeyrouteInterface(rt.ifindex(), ifname, rt.device()));
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("keyrouted: cannot start the route follower: " + e.getMessage());
            return 1;
        }
        stop.await();
        return 0;
    }

    private RouteFollowerOptions followerOptions(WgConfig cfg) {
        KeyrouteOptions k = cfg == null ? KeyrouteOptions.defaults() : cfg.keyroute();
        RouteFollowerOptions o = RouteFollowerOptions.defaults().withTables(k.tables()).withStatusFile(routeStatus);
        return netlinkRcvbuf == null ? o : o.withEventReceiveBuffer(netlinkRcvbuf);
    }

    public static void main(String[] args) {
        Logging.configure();
        int rc = new CommandLine(new KeyroutedMain()).execute(args);
        if (rc != 0) {
            System.exit(rc);
        }
    }
}
