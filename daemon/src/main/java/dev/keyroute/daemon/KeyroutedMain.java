package dev.keyroute.daemon;

import dev.keyroute.config.ConfigException;
import dev.keyroute.config.ConfigParser;
import dev.keyroute.config.Endpoint;
import dev.keyroute.config.KeyrouteOptions;
import dev.keyroute.config.WgConfig;
import dev.keyroute.daemon.route.KeyrouteInterface;
import dev.keyroute.daemon.route.RouteFollower;
import dev.keyroute.daemon.route.RouteFollowerOptions;
import dev.keyroute.wgcore.uapi.UapiServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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

    @Option(names = "--metrics-address", paramLabel = "HOST:PORT|off",
            description = "serve Prometheus metrics here (overrides [keyroute] MetricsAddress; default 127.0.0.1:9586)")
    String metricsAddress;

    @Option(names = "--control-socket", paramLabel = "PATH",
            description = "control socket path (overrides [keyroute] ControlSocket; default /run/keyroute/IFNAME.sock)")
    Path controlSocket;

    /** The control socket and metrics address: command line, else config, else defaults. */
    private Observability.Settings settings(WgConfig cfg) throws java.net.UnknownHostException {
        KeyrouteOptions k = cfg == null ? KeyrouteOptions.defaults() : cfg.keyroute();
        Path control = controlSocket != null ? controlSocket : k.controlSocket(ifname);
        Endpoint metrics;
        if (metricsAddress == null) {
            metrics = k.metricsAddress().orElse(null);
        } else if (metricsAddress.equalsIgnoreCase("off")) {
            metrics = null;
        } else {
            metrics = Endpoint.parse(metricsAddress);
        }
        return new Observability.Settings(control, metrics == null ? null : metrics.resolve());
    }

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
        Observability.Settings settings;
        try {
            settings = settings(cfg);
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            System.err.println("keyrouted: invalid --metrics-address '" + metricsAddress + "': " + e.getMessage());
            return 2;
        }
        CountDownLatch stop = new CountDownLatch(1);
        // SIGTERM/SIGINT, a deleted UAPI socket (wg-quick down) or a deleted interface all end in
        // one orderly shutdown and exit status 0, as wireguard-go. Handlers go in before the
        // interface exists, so a signal that arrives while it starts is not lost.
        Runnable shutdown = stop::countDown;
        for (String sig : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(sig), s -> shutdown.run());
        }
        InterfaceRuntime rt = InterfaceRuntime.start(ifname, cfg, uapiDir, settings);
        rt.onUapiSocketDeleted(shutdown);
        rt.device().setTunGoneListener(() -> {
            LOG.info("interface " + ifname + " was deleted");
            shutdown.run();
        });
        RouteFollower follower;
        try {
            follower = RouteFollower.start(followerOptions(cfg), RouteFollower.KERNEL);
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("keyrouted: cannot start the route follower: " + e.getMessage());
            rt.close();
            return 1;
        }
        follower.addInterface(new KeyrouteInterface(rt.ifindex(), ifname, rt.device(), rt.routeNotifier()));
        stop.await();
        LOG.info("shutting down " + ifname);
        rt.close(); // first: the UAPI socket and the link go at once (wg-quick down waits for them)
        follower.close();
        return 0;
    }

    private RouteFollowerOptions followerOptions(WgConfig cfg) {
        KeyrouteOptions k = cfg == null ? KeyrouteOptions.defaults() : cfg.keyroute();
        RouteFollowerOptions o = RouteFollowerOptions.defaults().withTables(k.tables()).withStatusFile(routeStatus);
        return netlinkRcvbuf == null ? o : o.withEventReceiveBuffer(netlinkRcvbuf);
    }

    public static void main(String[] args) {
        Logging.configure();
        System.exit(new CommandLine(new KeyroutedMain()).execute(args));
    }
}
