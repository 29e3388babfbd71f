package dev.keyroute.daemon.notify;

import dev.keyroute.config.Key;
import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.device.AllowedIpsEntry;
import dev.keyroute.wgcore.device.AllowedIpsTable;
import dev.keyroute.wgcore.device.Device;
import dev.keyroute.wgcore.device.Peer;
import dev.keyroute.wgcore.device.PeerListener;
import dev.keyroute.wgcore.device.RouteInfo;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The change journal of one interface: gives every event (AllowedIPs add/del/move/update and
 * conflicts from the table, peer add/del/up/stale from the device, next hops, conflicts and
 * resyncs from the route follower through {@link RouteNotifier}) the next gap-free sequence number
 * and queues its line to every {@link Subscriber}.
 *
 * <p>Locking: table events arrive under the table's monitor and then take the journal's lock;
 * {@link #subscribe} takes the table's monitor, copies the effective entries, then takes the
 * journal's lock to read the sequence number and peer states and register the subscriber. So the
 * snapshot is exactly the state after event {@code snapshotSeq}, and the subscriber's first delta
 * is {@code snapshotSeq + 1}. Publishing only formats and enqueues; it never waits for a consumer.
 */
public final class Journal implements AllowedIpsTable.ChangeListener, PeerListener, RouteNotifier {
    public static final int DEFAULT_QUEUE_CAPACITY = 65_536;

    private final Device device;
    private final int queueCapacity;
    private final Object lock = new Object();
    private long seq; // guarded by lock: the last sequence number given out
    private final Map<Peer, String> peerStates = new LinkedHashMap<>(); // guarded by lock
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>(); // written under lock
    private final LongAdder overruns = new LongAdder();
    private final LongAdder published = new LongAdder();

    public Journal(Device device, int queueCapacity) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queue capacity must be >= 1");
        }
        this.device = device;
        this.queueCapacity = queueCapacity;
    }

    /** Starts listening to the device and its table; call before peers and entries are added. */
    public Journal attach() {
        synchronized (lock) {
            for (Peer p : device.peers()) {
                peerStates.put(p, state(p));
            }
        }
        device.setPeerListener(this);
        device.allowedIps().setChangeListener(this);
        return this;
    }

    // ---- subscriptions ----

    /**
     * A new subscription: a snapshot consistent with {@link Subscriber#snapshotSeq()}, then deltas.
     * Under the table's lock only references are collected; the entry lines are formatted when the
     * consumer reads them ({@link SnapshotLines}).
     */
    public Subscriber subscribe() {
        AllowedIpsTable table = device.allowedIps();
        List<Prefix> prefixes = new ArrayList<>();
        List<AllowedIpsEntry> entries = new ArrayList<>();
        List<String> peerLines = new ArrayList<>();
        synchronized (table) {
            table.forEachEffective((prefix, e) -> {
                prefixes.add(prefix);
                entries.add(e);
            });
            synchronized (lock) {
                peerStates.forEach((p, state) -> peerLines.add("peer peer=" + p.publicKeyBase64() + " state=" + state
                        + " last-handshake=" + p.lastHandshakeEpochNanos() / 1_000_000_000L));
                Subscriber s = new Subscriber(this, seq, new SnapshotLines(prefixes, entries, peerLines), queueCapacity);
                subscribers.add(s);
                return s;
            }
        }
    }

    void unsubscribe(Subscriber s) {
        synchronized (lock) {
            subscribers.remove(s);
        }
    }

    public int subscriberCount() {
        return subscribers.size();
    }

    /** Subscriptions dropped because their queue was full. */
    public long overruns() {
        return overruns.sum();
    }

    /** Events given a sequence number so far. */
    public long published() {
        return published.sum();
    }

    /** Gives the event its sequence number and queues it; {@code body} may be null only while nobody is subscribed. */
    private void publish(String body) {
        synchronized (lock) {
            long n = ++seq;
            published.increment();
            if (subscribers.isEmpty()) {
                return;
            }
            String line = n + " " + body;
            for (Subscriber s : subscribers) {
                if (!s.offer(n, line)) {
                    subscribers.remove(s);
                    overruns.increment();
                }
            }
        }
    }

    // ---- from the table (under its monitor) ----

    /**
     * Formats the change only when someone listens: a full-table load makes a million of them, and
     * their text (addresses, base64 keys) cost a tenth of the route follower's time. No
     * subscription can start meanwhile, as {@link #subscribe} needs the table's monitor.
     */
    @Override
    public void changed(Prefix prefix, AllowedIpsEntry before, AllowedIpsEntry after) {
        if (subscribers.isEmpty()) {
            publish(null);
            return;
        }
        StringBuilder sb = new StringBuilder(160);
        if (before == null) {
            sb.append("add ");
            EventText.entry(sb, prefix, after);
        } else if (after == null) {
            sb.append("del ");
            EventText.entry(sb, prefix, before);
        } else {
            sb.append(before.target() != after.target() ? "move " : "update ");
            EventText.entry(sb, prefix, after);
            sb.append(" from-peer=");
            EventText.target(sb, before.target());
            sb.append(" from-source=").append(before.source().label());
        }
        publish(sb.toString());
    }

    @Override
    public void shadowed(Prefix prefix, AllowedIpsEntry winner, AllowedIpsEntry loser) {
        StringBuilder sb = prefix.appendTo(new StringBuilder("conflict prefix=")).append(" winner-source=")
                .append(winner.source().label()).append(" winner-peer=");
        EventText.target(sb, winner.target());
        sb.append(" loser-source=").append(loser.source().label()).append(" loser-peer=");
        EventText.target(sb, loser.target());
        publish(sb.toString());
    }

    // ---- from the device ----

    private static String state(Peer p) {
        if (p.isHandshakeUp()) {
            return "up";
        }
        return p.lastHandshakeEpochNanos() == 0 ? "none" : "stale";
    }

    private void peerEvent(Peer p, String type, String newState) {
        synchronized (lock) {
            if (newState == null) {
                peerStates.remove(p);
            } else {
                peerStates.put(p, newState);
            }
            publish(type + " peer=" + p.publicKeyBase64());
        }
    }

    @Override
    public void peerAdded(Peer peer) {
        peerEvent(peer, "peer-add", "none");
    }

    @Override
    public void peerRemoved(Peer peer) {
        peerEvent(peer, "peer-del", null);
    }

    @Override
    public void handshakeUp(Peer peer) {
        peerEvent(peer, "peer-up", "up");
    }

    @Override
    public void handshakeStale(Peer peer) {
        peerEvent(peer, "peer-stale", "stale");
    }

    // ---- from the route follower ----

    @Override
    public void resyncStarted(String reason) {
        publish("resync-start reason=" + EventText.token(reason));
    }

    @Override
    public void resyncFinished(int routes) {
        publish("resync-end routes=" + routes);
    }

    @Override
    public void nextHopPending(Prefix prefix, InetAddress via, RouteInfo info) {
        StringBuilder sb = prefix.appendTo(new StringBuilder("nexthop-pending prefix="))
                .append(" via=").append(via == null ? "-" : via.getHostAddress());
        if (info != null && info.table() != RouteInfo.UNKNOWN) {
            sb.append(" table=").append(Integer.toUnsignedString(info.table()));
        }
        publish(sb.toString());
    }

    @Override
    public void nextHopResolved(Prefix prefix, InetAddress via, Key peer) {
        publish("nexthop-resolved prefix=" + prefix + " via=" + (via == null ? "-" : via.getHostAddress())
                + " peer=" + (peer == null ? "-" : peer.toBase64()));
    }

    @Override
    public void nextHopDropped(Prefix prefix) {
        publish("nexthop-dropped prefix=" + prefix);
    }

    @Override
    public void conflict(Prefix prefix, String reason) {
        publish("conflict prefix=" + prefix + " reason=" + EventText.token(reason));
    }
}
