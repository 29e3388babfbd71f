package dev.keyroute.daemon;

import dev.keyroute.config.InterfaceAddress;
import dev.keyroute.config.Key;
import dev.keyroute.config.KeyrouteOptions;
import dev.keyroute.config.WgConfig;
import dev.keyroute.wgcore.Clock;
import dev.keyroute.wgcore.bind.NettyBind;
import dev.keyroute.wgcore.device.Device;
import dev.keyroute.wgcore.noise.CryptoWarmup;
import dev.keyroute.wgcore.noise.LinkLocal;
import dev.keyroute.wgcore.tun.LinuxTun;
import dev.keyroute.wgcore.uapi.Uapi;
import dev.keyroute.wgcore.uapi.UapiException;
import dev.keyroute.wgcore.uapi.UapiServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * One keyroute interface in a running keyrouted: the TUN device, the UDP bind, the WireGuard engine
 * and its UAPI socket, plus the interface's link settings (addresses, MTU, up) applied through
 * netlink.
 */
final class InterfaceRuntime implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(InterfaceRuntime.class.getName());

    private final String name;
    private final LinuxTun tun;
    private final Device device;
    private final UapiServer uapiServer;
    private final Uapi uapi;
    private final LinkSettings link;
    private final Observability observability;

    private InterfaceRuntime(String name, LinuxTun tun, Device device, Uapi uapi, UapiServer server, LinkSettings link,
                             Observability observability) {
        this.name = name;
        this.observability = observability;
        this.tun = tun;
        this.device = device;
        this.uapi = uapi;
        this.uapiServer = server;
        this.link = link;
    }

    /** Creates the interface; with a config, applies it (keys, peers, addresses, MTU) and sets it up. */
    static InterfaceRuntime start(String name, WgConfig config, Path uapiDir, Observability.Settings settings)
            throws IOException, UapiException {
        Thread warmup = new Thread(() -> CryptoWarmup.run(40), "crypto-warmup");
        warmup.setDaemon(true);
        warmup.setPriority(Thread.MIN_PRIORITY);
        warmup.start(); // the first real handshake then runs compiled code, not the interpreter
        int mtu = config == null ? LinuxTun.DEFAULT_MTU : config.iface().mtu().orElse(LinuxTun.DEFAULT_MTU);
        LinuxTun tun = LinuxTun.create(name, mtu);
        Ipv6LinkSysctl.disableAutomaticLinkLocal(name); // before the link first goes up
        Device device = null;
        UapiServer server = null;
        Observability obs = null;
        try {
            device = new Device(tun, new NettyBind(), Clock.SYSTEM, false);
            obs = Observability.attach(name, device); // before any peer or prefix, so all are journalled
            Uapi uapi = new Uapi(device);
            if (config != null) {
                KeyrouteOptions k = config.keyroute();
                device.setSourceCheck(k.sourceCheck() == KeyrouteOptions.SourceCheck.OFF
                        ? Device.SourceCheck.OFF : Device.SourceCheck.STRICT);
                device.setMulticast(k.multicast() == KeyrouteOptions.Multicast.OFF
                        ? Device.Multicast.OFF : Device.Multicast.FANOUT);
                uapi.set(ConfigUapi.setconfLines(config));
            }
            device.start();
            LinkSettings link = new LinkSettings(name, tun.index());
            followIdentity(device, link);
            if (config != null) {
                for (InterfaceAddress a : config.iface().addresses()) {
                    link.addAddress(a.inetAddress(), a.length(), false);
                }
                link.setUp(true);
            }
            obs.serve(settings);
            server = UapiServer.start(uapi, uapiDir, name); // last: the socket appearing means "ready"
            LOG.info("interface " + name + " ready (ifindex " + tun.index() + ", port " + device.listenPort() + ")");
            return new InterfaceRuntime(name, tun, device, uapi, server, link, obs);
        } catch (IOException | UapiException | RuntimeException e) {
            if (obs != null) {
                obs.close();
            }
            if (server != null) {
                server.close();
            }
            if (device != null) {
                device.close();
            } else {
                tun.close();
            }
            throw e;
        }
    }

    /**
     * Keeps {@code LL(own key)} (DESIGN §3) on the interface: assigned now if a key is set, and
     * moved whenever the private key changes (config, {@code wg set}).
     */
    private static void followIdentity(Device device, LinkSettings link) throws IOException {
        Key own = device.publicKey();
        if (own != null) {
            link.addAddress(LinkLocal.inet6(own), 64, true);
        }
        device.setIdentityListener((oldKey, newKey) -> {
            try {
                if (oldKey != null) {
                    link.deleteAddress(LinkLocal.inet6(oldKey), 64);
                }
                if (newKey != null) {
                    link.addAddress(LinkLocal.inet6(newKey), 64, true);
                }
            } catch (IOException e) {
                LOG.warning("cannot move the key-derived link-local address: " + e.getMessage());
            }
        });
    }

    String name() {
        return name;
    }

    Device device() {
        return device;
    }

    int ifindex() {
        return tun.index();
    }

    /** Where the route follower reports next hops, conflicts, resyncs and latencies. */
    dev.keyroute.daemon.notify.RouteNotifier routeNotifier() {
        return observability.routeNotifier();
    }

    /** Calls {@code action} when someone deletes the UAPI socket ({@code wg-quick down}). */
    void onUapiSocketDeleted(Runnable action) {
        uapiServer.onSocketDeleted(action, 200);
    }

    @Override
    public void close() {
        observability.close();
        uapiServer.close();
        device.close();
        link.close();
    }
}
