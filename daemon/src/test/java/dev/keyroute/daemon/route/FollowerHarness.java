package dev.keyroute.daemon.route;

import dev.keyroute.config.Key;
import dev.keyroute.config.Prefix;
import dev.keyroute.netlink.NetlinkException;
import dev.keyroute.netlink.RtnlEvents;
import dev.keyroute.netlink.testing.FakeRtnl;
import dev.keyroute.wgcore.device.Device;
import dev.keyroute.wgcore.device.Peer;
import dev.keyroute.wgcore.device.PeerSet;
import dev.keyroute.wgcore.device.Target;
import dev.keyroute.wgcore.noise.LinkLocal;
import dev.keyroute.wgcore.testing.FakeNetwork;
import dev.keyroute.wgcore.testing.FakeTun;
import dev.keyroute.wgcore.testing.ManualClock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** A fake kernel, one keyroute device on link "wg0", and a follower agent driven by hand. */
final class FollowerHarness implements AutoCloseable {
    final FakeRtnl kernel = new FakeRtnl();
    final int wg0;
    final int eth0;
    final Device device;
    final FollowerCounters counters = new FollowerCounters();
    final RouteFollowerAgent agent;
    final ManualClock clock = new ManualClock();

    FollowerHarness(List<Integer> tables) {
        this(tables, null);
    }

    /** @param wrap wraps the fake kernel's event source (e.g. to lose events), or null */
    FollowerHarness(List<Integer> tables, UnaryOperator<RtnlEvents> wrap) {
        wg0 = kernel.addLink("wg0", 1420);
        eth0 = kernel.addLink("eth0", 1500);
        device = new Device(new FakeTun("wg0", 1420), new FakeNetwork().newBind(), new ManualClock(), true);
        agent = new RouteFollowerAgent(tables, kernel, wrap == null ? kernel.events() : wrap.apply(kernel.events()), clock, counters);
        agent.addInterface(new KeyrouteInterface(wg0, "wg0", device));
        settle();
    }

    /** Runs cycles until one does nothing; time advances 50 ms per cycle (resync retries, deferral). */
    void settle() {
        int idle = 0;
        for (int i = 0; i < 10_000; i++) {
            idle = agent.doWork(Duration.ZERO) == 0 ? idle + 1 : 0;
            if (idle == 10) {
                return;
            }
            clock.advance(50, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("follower never settled");
    }

    static Key randomKey(Random r) {
        byte[] b = new byte[32];
        r.nextBytes(b);
        return Key.of(b);
    }

    static InetAddress ll(Key k) {
        return LinkLocal.inet6(k);
    }

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The route layer as prefix → set of peer public keys (base64), sorted for readable diffs. */
    Map<String, Set<String>> routeLayer() {
        Map<String, Set<String>> m = new TreeMap<>();
        device.allowedIps().routes().forEach((p, t) -> m.put(p.toString(), keysOf(t)));
        return m;
    }

    static Set<String> keysOf(Target t) {
        List<Peer> peers = t instanceof PeerSet s ? s.peers() : List.of((Peer) t);
        return peers.stream().map(p -> p.publicKey().toBase64()).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    Peer lookup(String address) {
        Target t = device.allowedIps().lookup(ip(address).getAddress());
        return t == null ? null : t.select(0);
    }

    Target target(String prefix) {
        return device.allowedIps().route(Prefix.parse(prefix));
    }

    void quietly(ThrowingRunnable r) {
        try {
            r.run();
        } catch (NetlinkException e) {
            // refused like the kernel would (EEXIST, ESRCH): part of a random sequence
        }
    }

    interface ThrowingRunnable {
        void run() throws NetlinkException;
    }

    @Override
    public void close() {
        device.close();
        kernel.close();
    }
}
