package dev.keyroute.daemon.metrics;

import dev.keyroute.config.Key;
import dev.keyroute.config.Prefix;
import dev.keyroute.daemon.control.ControlCommands;
import dev.keyroute.daemon.notify.Journal;
import dev.keyroute.daemon.notify.RouteNotifier;
import dev.keyroute.wgcore.device.AllowedIpsEntry;
import dev.keyroute.wgcore.device.Device;
import dev.keyroute.wgcore.device.DeviceCounters;
import dev.keyroute.wgcore.device.DropReason;
import dev.keyroute.wgcore.device.Peer;
import dev.keyroute.wgcore.device.PeerSet;
import dev.keyroute.wgcore.device.RouteInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The meters of one interface (docs/METRICS.md). Engine counters are read as snapshots at scrape
 * time (function counters and gauges over {@link DeviceCounters} and the peers): nothing on the
 * data path changes. Per-peer meters and the prefix counts follow the device in {@link #refresh()},
 * which the HTTP server calls before each scrape. The route follower reports through the
 * {@link RouteNotifier} methods.
 */
public final class InterfaceMetrics implements RouteNotifier {
    private final MeterRegistry registry;
    private final String ifname;
    private final Device device;
    private final Map<Peer, List<Meter>> peerMeters = new HashMap<>(); // guarded by this
    private final MultiGauge prefixes;
    private final Map<String, Counter> routeEvents = new ConcurrentHashMap<>();
    private final Counter resyncs;
    private final Counter netlinkOverruns;
    private final Counter conflicts;
    private final Set<Prefix> pending = ConcurrentHashMap.newKeySet();
    private final Timer applyLatency;

    public InterfaceMetrics(MeterRegistry registry, String ifname, Device device, Journal journal,
                            ControlCommands commands) {
        this.registry = registry;
        this.ifname = ifname;
        this.device = device;
        Tags itf = Tags.of("interface", ifname);
        DeviceCounters c = device.counters();
        for (DropReason r : DropReason.values()) {
            FunctionCounter.builder("keyroute.packets.dropped", c, x -> x.drops(r))
                    .description("Packets dropped, by reason").tags(itf).tag("reason", r.label()).register(registry);
        }
        for (DeviceCounters.Event e : DeviceCounters.Event.values()) {
            FunctionCounter.builder("keyroute.device.events", c, x -> x.events(e))
                    .description("Control-plane events of the engine").tags(itf)
                    .tag("event", e.name().toLowerCase(java.util.Locale.ROOT)).register(registry);
        }
        FunctionCounter.builder("keyroute.handshakes.initiated", c,
                        x -> x.events(DeviceCounters.Event.HANDSHAKE_INITIATION_SENT))
                .description("Handshake initiations sent").tags(itf).register(registry);
        FunctionCounter.builder("keyroute.handshakes.completed", c,
                        x -> x.events(DeviceCounters.Event.HANDSHAKE_COMPLETED))
                .description("Handshakes completed (sessions established)").tags(itf).register(registry);
        FunctionCounter.builder("keyroute.handshakes.failed", c,
                        x -> x.events(DeviceCounters.Event.HANDSHAKE_TIMED_OUT) + x.drops(DropReason.HANDSHAKE_FAILED))
                .description("Handshakes given up after REKEY_ATTEMPT_TIME plus handshake messages that failed")
                .tags(itf).register(registry);
        FunctionCounter.builder("keyroute.cookie.replies.sent", c, x -> x.events(DeviceCounters.Event.COOKIE_REPLY_SENT))
                .description("Cookie replies sent under load").tags(itf).register(registry);
        Gauge.builder("keyroute.peers", device, d -> d.peers().size())
                .description("Configured peers").tags(itf).register(registry);
        Gauge.builder("keyroute.allowed.ips.entries", device, d -> d.allowedIps().size())
                .description("Entries in the AllowedIPs trie").tags(itf).register(registry);
        prefixes = MultiGauge.builder("keyroute.prefixes")
                .description("Effective AllowedIPs prefixes by peer, family and source").tags(itf).register(registry);
        resyncs = Counter.builder("keyroute.route.resyncs").description("Full route resyncs").tags(itf).register(registry);
        netlinkOverruns = Counter.builder("keyroute.route.netlink.overruns")
                .description("Netlink overruns (ENOBUFS) on the route event socket").tags(itf).register(registry);
        conflicts = Counter.builder("keyroute.route.conflicts")
                .description("Conflicts reported by the route follower").tags(itf).register(registry);
        Gauge.builder("keyroute.route.nexthops.pending", pending, Set::size)
                .description("Routes whose next hop maps to no peer yet").tags(itf).register(registry);
        applyLatency = Timer.builder("keyroute.route.apply.latency")
                .description("From reading a route message off netlink to the trie update")
                .tags(itf).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000)).maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        Gauge.builder("keyroute.notification.subscribers", journal, Journal::subscriberCount)
                .description("Control socket subscribers").tags(itf).register(registry);
        FunctionCounter.builder("keyroute.notification.overruns", journal, Journal::overruns)
                .description("Subscribers dropped because they fell behind").tags(itf).register(registry);
        FunctionCounter.builder("keyroute.notification.events", journal, Journal::published)
                .description("Events journalled (sequence numbers given out)").tags(itf).register(registry);
        FunctionCounter.builder("keyroute.control.commands", commands, ControlCommands::okCount)
                .description("Control socket add/del commands").tags(itf).tag("result", "ok").register(registry);
        FunctionCounter.builder("keyroute.control.commands", commands, ControlCommands::errorCount)
                .description("Control socket add/del commands").tags(itf).tag("result", "error").register(registry);
        refresh();
    }

    /** Follows peers added and removed and recounts prefixes; called before each scrape. */
    public synchronized void refresh() {
        List<Peer> now = device.peers();
        for (Peer p : now) {
            peerMeters.computeIfAbsent(p, this::registerPeer);
        }
        peerMeters.entrySet().removeIf(e -> {
            if (now.contains(e.getKey())) {
                return false;
            }
            e.getValue().forEach(registry::remove);
            return true;
        });
        Map<List<String>, long[]> counts = new HashMap<>();
        device.allowedIps().forEachEffective((prefix, entry) -> count(counts, prefix, entry));
        List<MultiGauge.Row<?>> rows = new ArrayList<>(counts.size());
        counts.forEach((k, v) -> rows.add(MultiGauge.Row.of(
                Tags.of("public_key", k.get(0), "family", k.get(1), "source", k.get(2)), v[0])));
        prefixes.register(rows, true);
    }

    private static void count(Map<List<String>, long[]> counts, Prefix prefix, AllowedIpsEntry e) {
        String family = prefix.isIpv6() ? "ipv6" : "ipv4";
        List<Peer> peers = e.target() instanceof PeerSet set ? set.peers() : List.of((Peer) e.target());
        for (Peer p : peers) {
            counts.computeIfAbsent(List.of(p.publicKeyBase64(), family, e.source().label()), k -> new long[1])[0]++;
        }
    }

    private List<Meter> registerPeer(Peer p) {
        Tags t = Tags.of("interface", ifname, "public_key", p.publicKeyBase64());
        List<Meter> m = new ArrayList<>();
        m.add(FunctionCounter.builder("wireguard.sent.bytes", p, Peer::txBytes)
                .description("Bytes sent to the peer (WireGuard packets, as wg show transfer)").tags(t).register(registry));
        m.add(FunctionCounter.builder("wireguard.received.bytes", p, Peer::rxBytes)
                .description("Bytes received from the peer").tags(t).register(registry));
        m.add(Gauge.builder("wireguard.latest.handshake.seconds", p, x -> x.lastHandshakeEpochNanos() / 1e9)
                .description("UNIX time of the latest handshake, 0 if none").tags(t).register(registry));
        m.add(FunctionCounter.builder("keyroute.peer.sent.packets", p, Peer::txPackets)
                .description("Transport packets sent to the peer").tags(t).register(registry));
        m.add(FunctionCounter.builder("keyroute.peer.received.packets", p, Peer::rxPackets)
                .description("Transport packets received from the peer").tags(t).register(registry));
        m.add(Gauge.builder("keyroute.peer.up", p, x -> x.isHandshakeUp() ? 1 : 0)
                .description("1 while the latest handshake is younger than REJECT_AFTER_TIME").tags(t).register(registry));
        m.add(FunctionCounter.builder("keyroute.peer.multicast.packets", p, x -> x.multicast().sent())
                .description("Link-local multicast packets fanned out to the peer, by direction and outcome")
                .tags(t).tag("direction", "out").tag("outcome", "sent").register(registry));
        m.add(FunctionCounter.builder("keyroute.peer.multicast.packets", p, x -> x.multicast().skippedNoEndpoint())
                .tags(t).tag("direction", "out").tag("outcome", "skipped_no_endpoint").register(registry));
        m.add(FunctionCounter.builder("keyroute.peer.multicast.packets", p, x -> x.multicast().received())
                .tags(t).tag("direction", "in").tag("outcome", "accepted").register(registry));
        m.add(FunctionCounter.builder("keyroute.peer.multicast.packets", p, x -> x.multicast().refused())
                .tags(t).tag("direction", "in").tag("outcome", "refused").register(registry));
        return m;
    }

    // ---- RouteNotifier ----

    @Override
    public void routeEvent(String type) {
        routeEvents.computeIfAbsent(type, k -> Counter.builder("keyroute.route.events")
                .description("Kernel route messages handled, by type").tag("interface", ifname).tag("type", k)
                .register(registry)).increment();
    }

    @Override
    public void routeApplied(long receivedNanoTime) {
        applyLatency.record(System.nanoTime() - receivedNanoTime, TimeUnit.NANOSECONDS);
    }

    @Override
    public void netlinkOverrun() {
        netlinkOverruns.increment();
    }

    @Override
    public void resyncStarted(String reason) {
        resyncs.increment();
    }

    @Override
    public void nextHopPending(Prefix prefix, InetAddress via, RouteInfo info) {
        pending.add(prefix);
    }

    @Override
    public void nextHopResolved(Prefix prefix, InetAddress via, Key peer) {
        pending.remove(prefix);
    }

    @Override
    public void nextHopDropped(Prefix prefix) {
        pending.remove(prefix);
    }

    @Override
    public void conflict(Prefix prefix, String reason) {
        conflicts.increment();
    }
}
