package dev.keyroute.wgcore.device;

import dev.keyroute.config.Key;
import dev.keyroute.wgcore.Clock;
import dev.keyroute.wgcore.bind.Bind;
import dev.keyroute.wgcore.noise.CookieChecker;
import dev.keyroute.wgcore.noise.CookieGenerator;
import dev.keyroute.wgcore.noise.Handshake;
import dev.keyroute.wgcore.noise.HandshakeProcessor;
import dev.keyroute.wgcore.noise.StaticIdentity;
import dev.keyroute.wgcore.tun.Tun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One WireGuard interface: identity, peers, AllowedIPs, and the threads of the data plane (TUN
 * reader = outbound, bind receive thread = inbound, handshake worker, timer loop). Configuration
 * calls (UAPI, config file, route follower) are serialized on the device; the data plane reads
 * volatile snapshots and never takes the configuration lock.
 *
 * <p>In <i>manual</i> mode no threads are started: tests drive the engine with {@link #route},
 * {@link #runPending} and an injected clock.
 */
public final class Device implements AutoCloseable {
    /** Per-interface options beyond WireGuard's own. */
    public enum SourceCheck { STRICT, OFF }

    /** Link-local multicast handling (see {@link MulticastFanout}). */
    public enum Multicast { FANOUT, OFF }

    private final Tun tun;
    private final Bind bind;
    private final Clock clock;
    private final boolean manual;
    private final DeviceCounters counters = new DeviceCounters();
    private final IndexTable indexTable = new IndexTable();
    private final AllowedIpsTable allowedIps = new AllowedIpsTable();
    private final CookieChecker cookieChecker;
    private final HandshakeWorker handshakeWorker = new HandshakeWorker(this);
    private final InboundPath inbound = new InboundPath(this);
    private final TimerLoop timerLoop = new TimerLoop(this);
    private final OutboundPath outbound;
    private final MulticastFanout multicastFanout = new MulticastFanout(this);

    private final Map<Key, Peer> peers = new LinkedHashMap<>(); // guarded by this
    private volatile Peer[] peerSnapshot = new Peer[0];
    private volatile Map<Key, Peer> peerIndex = Map.of();
    private volatile StaticIdentity identity;
    private volatile HandshakeProcessor processor;
    private volatile int listenPort;
    private volatile int fwmark;
    private volatile int mtu = 1420;
    private volatile boolean up;
    private volatile SourceCheck sourceCheck = SourceCheck.STRICT;
    private volatile Multicast multicast = Multicast.FANOUT;
    private final List<Thread> threads = new ArrayList<>();
    private volatile java.util.function.BiConsumer<Key, Key> identityListener = (oldKey, newKey) -> { };
    private volatile PeerListener peerListener = PeerListener.NONE;

    public Device(Tun tun, Bind bind, Clock clock, boolean manual) {
        this.tun = tun;
        this.bind = bind;
        this.clock = clock;
        this.manual = manual;
        this.cookieChecker = new CookieChecker(clock);
        this.outbound = new OutboundPath(this, tun);
    }

    // ---- accessors for the engine's parts ----

    public Clock clock() {
        return clock;
    }

    public DeviceCounters counters() {
        return counters;
    }

    public AllowedIpsTable allowedIps() {
        return allowedIps;
    }

    public Tun tun() {
        return tun;
    }

    Bind bind() {
        return bind;
    }

    IndexTable indexTable() {
        return indexTable;
    }

    CookieChecker cookieChecker() {
        return cookieChecker;
    }

    HandshakeProcessor processor() {
        return processor;
    }

    HandshakeWorker handshakeWorker() {
        return handshakeWorker;
    }

    boolean hasIdentity() {
        return identity != null;
    }

    public boolean isUp() {
        return up;
    }

    public int mtu() {
        return mtu;
    }

    /** Re-reads the TUN device's MTU (after it was changed through netlink). */
    public void refreshMtu() throws IOException {
        mtu = tun.mtu();
    }

    public SourceCheck sourceCheck() {
        return sourceCheck;
    }

    public void setSourceCheck(SourceCheck check) {
        sourceCheck = check;
    }

    public Multicast multicast() {
        return multicast;
    }

    public void setMulticast(Multicast mode) {
        multicast = java.util.Objects.requireNonNull(mode, "mode");
    }

    MulticastFanout multicastFanout() {
        return multicastFanout;
    }

    // ---- lifecycle ----

    /** Opens the UDP socket and, unless manual, starts the data-plane threads. */
    public synchronized void start() throws IOException {
        if (up) {
            return;
        }
        try {
            mtu = tun.mtu();
        } catch (IOException e) {
            mtu = 1420;
        }
        listenPort = bind.open(listenPort, inbound);
        if (fwmark != 0) {
            bind.setFwmark(fwmark);
        }
        up = true;
        if (!manual) {
            startThread(outbound, "wg-" + tun.name() + "-tx");
            startThread(handshakeWorker, "wg-" + tun.name() + "-handshake");
            startThread(timerLoop, "wg-" + tun.name() + "-timers");
        }
    }

    private void startThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    @Override
    public synchronized void close() {
        up = false;
        handshakeWorker.stop();
        timerLoop.stop();
        for (Peer p : peerSnapshot) {
            p.close();
        }
        try {
            bind.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            tun.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        identity = null;
    }

    // ---- interface configuration ----

    public Key privateKey() {
        StaticIdentity id = identity;
        return id == null ? null : id.privateKey();
    }

    public Key publicKey() {
        StaticIdentity id = identity;
        return id == null ? null : id.publicKey();
    }

    private volatile Runnable tunGoneListener = () -> { };

    /** Told when the TUN interface disappears underneath the engine (deleted by someone else). */
    public void setTunGoneListener(Runnable listener) {
        tunGoneListener = listener;
    }

    void tunGone() {
        tunGoneListener.run();
    }

    /** Told (old public key, new public key; either may be null) when the identity changes. */
    public void setIdentityListener(java.util.function.BiConsumer<Key, Key> listener) {
        identityListener = listener;
    }

    /** Sets (or with null/zero clears) the private key; a peer with our own public key is removed. */
    public synchronized void setPrivateKey(Key key) {
        StaticIdentity id = key == null || key.isZero() ? null : new StaticIdentity(key);
        if (id != null && identity != null && id.publicKey().equals(identity.publicKey())) {
            return;
        }
        Key oldPublic = identity == null ? null : identity.publicKey();
        identity = id;
        processor = id == null ? null : new HandshakeProcessor(id);
        if (id != null) {
            cookieChecker.setLocalPublic(id.publicKey());
            Peer self = peers.get(id.publicKey());
            if (self != null) {
                removePeer(self.publicKey());
            }
        }
        for (Peer p : peerSnapshot) {
            p.handshake.setLocalIdentity(id);
            p.zeroKeyMaterial();
        }
        identityListener.accept(oldPublic, id == null ? null : id.publicKey());
    }

    public int listenPort() {
        return listenPort;
    }

    /** Sets the UDP port (0 = any); if running, the socket is reopened on it. */
    public synchronized void setListenPort(int port) throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listen port out of range");
        }
        if (up) {
            listenPort = bind.open(port, inbound);
            if (fwmark != 0) {
                bind.setFwmark(fwmark);
            }
        } else {
            listenPort = port;
        }
    }

    public int fwmark() {
        return fwmark;
    }

    public synchronized void setFwmark(int mark) throws IOException {
        fwmark = mark;
        if (up) {
            bind.setFwmark(mark);
        }
    }

    // ---- peers ----

    /** Sets (null: clears) the listener told about peers added, removed, up and stale. */
    public void setPeerListener(PeerListener listener) {
        peerListener = listener == null ? PeerListener.NONE : listener;
    }

    PeerListener peerListener() {
        return peerListener;
    }

    public Peer peer(Key publicKey) {
        return peerIndex.get(publicKey);
    }

    Handshake handshakeOf(Key publicKey) {
        Peer p = peer(publicKey);
        return p == null ? null : p.handshake;
    }

    /** The live peer snapshot for the data plane (never modify). */
    Peer[] peerArray() {
        return peerSnapshot;
    }

    /** The peers in the order they were added (a snapshot). */
    public List<Peer> peers() {
        return List.of(peerSnapshot);
    }

    /** Returns the peer with {@code publicKey}, creating it if needed (null if it is our own key). */
    public synchronized Peer addPeer(Key publicKey) {
        Peer existing = peers.get(publicKey);
        if (existing != null) {
            return existing;
        }
        StaticIdentity id = identity;
        if (id != null && id.publicKey().equals(publicKey)) {
            return null;
        }
        Peer p = new Peer(this, publicKey, new Handshake(id, publicKey), new CookieGenerator(publicKey, clock));
        peers.put(publicKey, p);
        publishPeers();
        allowedIps.addLinkLocal(p, LinkScope.linkLocalPrefix(publicKey));
        peerListener.peerAdded(p);
        allowedIps.peersChanged();
        return p;
    }

    public synchronized boolean removePeer(Key publicKey) {
        Peer p = peers.remove(publicKey);
        if (p == null) {
            return false;
        }
        publishPeers();
        allowedIps.removePeer(p);
        p.close();
        peerListener.peerRemoved(p);
        return true;
    }

    private void publishPeers() {
        peerSnapshot = peers.values().toArray(new Peer[0]);
        peerIndex = Map.copyOf(peers);
    }

    public synchronized void removeAllPeers() {
        for (Key k : List.copyOf(peers.keySet())) {
            removePeer(k);
        }
    }

    // ---- data plane hooks ----

    /** Cryptokey reverse-path filter: may {@code peer} send from the source at {@code offset}? */
    boolean sourceAllowed(Peer peer, ByteBuffer b, int offset, boolean ipv6) {
        if (sourceCheck == SourceCheck.OFF) {
            return true;
        }
        Target t = allowedIps.lookup(b, offset, ipv6);
        return t != null && t.accepts(peer);
    }

    /** Routes one plaintext packet as if read from the TUN device (manual mode and tests). */
    public void route(ByteBuffer packet) {
        outbound.route(packet);
    }

    /** Manual mode: runs queued handshake work and due timers now. */
    public void runPending() {
        handshakeWorker.drain();
        tickTimers();
        handshakeWorker.drain();
    }

    void tickTimers() {
        long now = clock.nanoTime();
        long epoch = clock.epochNanos();
        for (Peer p : peerSnapshot) {
            p.timers.tick(now);
            p.checkStale(epoch);
        }
    }
}
