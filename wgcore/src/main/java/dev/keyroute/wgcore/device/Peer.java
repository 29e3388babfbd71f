package dev.keyroute.wgcore.device;

import static dev.keyroute.wgcore.ProtocolConstants.KEEPALIVE_TIMEOUT_NANOS;
import static dev.keyroute.wgcore.ProtocolConstants.PADDING_MULTIPLE;
import static dev.keyroute.wgcore.ProtocolConstants.REJECT_AFTER_MESSAGES;
import static dev.keyroute.wgcore.ProtocolConstants.REJECT_AFTER_TIME_NANOS;
import static dev.keyroute.wgcore.ProtocolConstants.REKEY_AFTER_MESSAGES;
import static dev.keyroute.wgcore.ProtocolConstants.REKEY_AFTER_TIME_NANOS;
import static dev.keyroute.wgcore.ProtocolConstants.REKEY_TIMEOUT_NANOS;
import static dev.keyroute.wgcore.ProtocolConstants.TRANSPORT_HEADER_SIZE;

import dev.keyroute.config.Key;
import dev.keyroute.wgcore.noise.CookieGenerator;
import dev.keyroute.wgcore.noise.Handshake;
import dev.keyroute.wgcore.noise.Keypair;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One remote WireGuard peer: its handshake state, sessions, endpoint, timers and counters, and the
 * outbound half of the data plane (encrypt and send). Methods are safe to call from the TUN reader,
 * the receive thread, the handshake worker and the timer loop.
 */
public final class Peer implements Target {
    private final Device device;
    private final Key publicKey;
    private final String publicKeyBase64; // public, so not a secret; written into every event line
    final Handshake handshake;
    final CookieGenerator cookieGenerator;
    final Keypairs keypairs = new Keypairs();
    final PeerTimers timers = new PeerTimers(this);
    private final StagedPackets staged = new StagedPackets();
    private final AtomicBoolean handshakeQueued = new AtomicBoolean();

    private volatile InetSocketAddress endpoint;
    private volatile int persistentKeepaliveSeconds;
    private volatile Key presharedKey;
    private volatile long lastHandshakeEpochNanos;
    private volatile long lastInitiationSentNanos = Long.MIN_VALUE / 2;
    private volatile int handshakeIndex; // 0 = none
    private volatile boolean removed;
    private volatile boolean handshakeUp; // as last reported to the device's PeerListener

    private final AtomicLong txBytes = new AtomicLong();
    private final AtomicLong rxBytes = new AtomicLong();
    private final AtomicLong txPackets = new AtomicLong();
    private final AtomicLong rxPackets = new AtomicLong();
    private final PeerMulticastCounters multicast = new PeerMulticastCounters();

    Peer(Device device, Key publicKey, Handshake handshake, CookieGenerator cookieGenerator) {
        this.device = device;
        this.publicKey = publicKey;
        this.publicKeyBase64 = publicKey.toBase64();
        this.handshake = handshake;
        this.cookieGenerator = cookieGenerator;
    }

    // ---- identity and configuration ----

    public Key publicKey() {
        return publicKey;
    }

    /** {@code publicKey().toBase64()}, computed once: event lines, snapshots and metrics name peers by it. */
    public String publicKeyBase64() {
        return publicKeyBase64;
    }

    Device device() {
        return device;
    }

    public InetSocketAddress endpoint() {
        return endpoint;
    }

    public void setEndpoint(InetSocketAddress endpoint) {
        this.endpoint = endpoint;
    }

    public int persistentKeepaliveSeconds() {
        return persistentKeepaliveSeconds;
    }

    /** Sets the interval (0 = off); when turned on, a keepalive goes out at once, as wg does. */
    public void setPersistentKeepaliveSeconds(int seconds) {
        if (seconds < 0 || seconds > 65535) {
            throw new IllegalArgumentException("persistent keepalive out of range");
        }
        boolean wasOff = persistentKeepaliveSeconds == 0;
        persistentKeepaliveSeconds = seconds;
        timers.persistentKeepaliveChanged();
        if (wasOff && seconds > 0 && device.isUp()) {
            sendKeepalive();
        }
    }

    public Key presharedKey() {
        return presharedKey;
    }

    public void setPresharedKey(Key psk) {
        presharedKey = psk == null || psk.isZero() ? null : psk;
        handshake.setPresharedKey(presharedKey);
    }

    /** Wall-clock time of the last completed handshake in epoch nanoseconds, or 0. */
    public long lastHandshakeEpochNanos() {
        return lastHandshakeEpochNanos;
    }

    public long txBytes() {
        return txBytes.get();
    }

    public long rxBytes() {
        return rxBytes.get();
    }

    public long txPackets() {
        return txPackets.get();
    }

    public long rxPackets() {
        return rxPackets.get();
    }

    public PeerMulticastCounters multicast() {
        return multicast;
    }

    /** Whether a session is established (a current keypair that is not expired). */
    public boolean hasSession() {
        Keypair kp = keypairs.current();
        return kp != null && device.clock().nanoTime() - kp.createdNanos < REJECT_AFTER_TIME_NANOS;
    }

    // ---- Target: a single peer is its own AllowedIPs target ----

    @Override
    public Peer select(int flowHash) {
        return this;
    }

    @Override
    public boolean accepts(Peer peer) {
        return peer == this;
    }

    // ---- outbound data ----

    /**
     * Encrypts and sends one plaintext IP packet (between position and limit); without a usable
     * session the packet is staged and a handshake requested.
     */
    void send(ByteBuffer plaintext) {
        Keypair kp = keypairs.current();
        long now = device.clock().nanoTime();
        if (kp == null || now - kp.createdNanos >= REJECT_AFTER_TIME_NANOS) {
            stage(plaintext);
            requestHandshake(false);
            return;
        }
        if (!sendOn(kp, plaintext, now)) {
            stage(plaintext);
            requestHandshake(false);
        }
    }

    /** Sends on {@code kp}; false if the keypair's counter is exhausted. */
    private boolean sendOn(Keypair kp, ByteBuffer plaintext, long now) {
        InetSocketAddress to = endpoint;
        if (to == null) {
            device.counters().drop(DropReason.NO_ENDPOINT);
            return true;
        }
        long counter = kp.nextSendCounter();
        if (Long.compareUnsigned(counter, REJECT_AFTER_MESSAGES) >= 0) {
            return false;
        }
        SendContext ctx = SendContext.get();
        int len = plaintext.remaining();
        int padded = paddedLength(len, device.mtu());
        ByteBuffer plain = plaintext;
        if (padded != len) {
            plain = ctx.plain;
            plain.clear();
            plain.put(plaintext.duplicate());
            for (int i = len; i < padded; i++) {
                plain.put((byte) 0);
            }
            plain.flip();
        }
        ByteBuffer out = ctx.output(device, to, TRANSPORT_HEADER_SIZE + padded + 16);
        out.clear();
        ctx.header.wrap(out, 0).writeHeader().receiver(kp.remoteIndex).counter(counter);
        out.position(TRANSPORT_HEADER_SIZE);
        int n = ctx.crypto.seal(kp.sendKey, counter, plain, out);
        out.flip();
        try {
            ctx.send(device, out, to);
        } catch (IOException e) {
            device.counters().drop(DropReason.SEND_FAILED);
            return true;
        }
        txBytes.addAndGet(TRANSPORT_HEADER_SIZE + n);
        txPackets.incrementAndGet();
        timers.anyAuthenticatedPacketTraversal();
        timers.anyAuthenticatedPacketSent();
        if (len > 0) {
            timers.dataSent();
        }
        if (Long.compareUnsigned(counter, REKEY_AFTER_MESSAGES) >= 0
                || (kp.initiator && now - kp.createdNanos >= REKEY_AFTER_TIME_NANOS)) {
            requestHandshake(false);
        }
        return true;
    }

    static int paddedLength(int len, int mtu) {
        int padded = (len + PADDING_MULTIPLE - 1) / PADDING_MULTIPLE * PADDING_MULTIPLE;
        return padded > mtu ? Math.max(len, mtu) : padded;
    }

    private void stage(ByteBuffer plaintext) {
        if (!staged.add(plaintext)) {
            device.counters().drop(DropReason.STAGED_OVERFLOW);
        }
    }

    /** Sends whatever waited for a session; with nothing waiting and {@code keepalive}, a keepalive. */
    void sendStaged(boolean keepaliveIfEmpty) {
        Keypair kp = keypairs.current();
        if (kp == null) {
            return;
        }
        long now = device.clock().nanoTime();
        boolean sent = false;
        byte[] p;
        while ((p = staged.poll()) != null) {
            sendOn(kp, ByteBuffer.wrap(p), now);
            sent = true;
        }
        if (!sent && keepaliveIfEmpty) {
            sendKeepalive();
        }
    }

    /** An empty transport packet, if a session exists (else a handshake is requested). */
    void sendKeepalive() {
        if (removed) {
            return;
        }
        Keypair kp = keypairs.current();
        long now = device.clock().nanoTime();
        if (kp == null || now - kp.createdNanos >= REJECT_AFTER_TIME_NANOS) {
            requestHandshake(false);
            return;
        }
        if (sendOn(kp, ByteBuffer.allocate(0), now)) {
            device.counters().count(DeviceCounters.Event.KEEPALIVE_SENT);
        }
    }

    // ---- inbound bookkeeping (called by the receive path) ----

    void received(int datagramBytes, InetSocketAddress from) {
        rxBytes.addAndGet(datagramBytes);
        rxPackets.incrementAndGet();
        InetSocketAddress ep = endpoint;
        if (from != null && !from.equals(ep)) {
            endpoint = from;
            if (ep != null) {
                device.counters().count(DeviceCounters.Event.ROAMED);
            }
        }
    }

    void countHandshakeBytes(int sent, int received) {
        txBytes.addAndGet(sent);
        rxBytes.addAndGet(received);
    }

    /** The last-minute rekey of an initiator whose session nears REJECT_AFTER_TIME. */
    void maybeLastMinuteHandshake(Keypair kp, long now) {
        if (kp.initiator && !timers.sentLastMinuteHandshake
                && now - kp.createdNanos >= REJECT_AFTER_TIME_NANOS - KEEPALIVE_TIMEOUT_NANOS - REKEY_TIMEOUT_NANOS) {
            timers.sentLastMinuteHandshake = true;
            requestHandshake(false);
        }
    }

    // ---- handshakes ----

    /** Asks the handshake worker to send an initiation (coalesced: at most one queued). */
    void requestHandshake(boolean isRetry) {
        if (removed) {
            return;
        }
        if (!isRetry && timers.retransmitPending()) {
            return; // one is in flight; its retransmit timer takes care of it
        }
        if (handshakeQueued.compareAndSet(false, true)) {
            if (!device.handshakeWorker().requestInitiation(this, isRetry)) {
                handshakeQueued.set(false);
            }
        }
    }

    /** Handshake worker only: builds and sends an initiation, rate limited to one per REKEY_TIMEOUT. */
    void sendInitiation(boolean isRetry, ByteBuffer out) {
        handshakeQueued.set(false);
        if (removed || !device.hasIdentity()) {
            return;
        }
        long now = device.clock().nanoTime();
        if (!isRetry) {
            if (now - lastInitiationSentNanos < REKEY_TIMEOUT_NANOS) {
                return;
            }
            timers.handshakeAttemptsReset();
        }
        InetSocketAddress to = endpoint;
        if (to == null) {
            device.counters().drop(DropReason.NO_ENDPOINT);
            return;
        }
        lastInitiationSentNanos = now;
        int old = handshakeIndex;
        if (old != 0) {
            device.indexTable().remove(old);
        }
        int idx = device.indexTable().newHandshakeIndex(this);
        handshakeIndex = idx;
        out.clear();
        try {
            handshake.createInitiation(idx, device.clock().epochNanos(), out);
        } catch (IllegalStateException e) { // the peer's key is a low-order point: no handshake possible
            device.indexTable().remove(idx);
            handshakeIndex = 0;
            device.counters().drop(DropReason.HANDSHAKE_FAILED);
            return;
        }
        out.flip();
        cookieGenerator.addMacs(out);
        try {
            device.bind().send(out, to);
        } catch (IOException e) {
            device.counters().drop(DropReason.SEND_FAILED);
        }
        txBytes.addAndGet(out.limit());
        device.counters().count(DeviceCounters.Event.HANDSHAKE_INITIATION_SENT);
        timers.handshakeInitiated();
        timers.anyAuthenticatedPacketTraversal();
        timers.anyAuthenticatedPacketSent();
    }

    /** Handshake worker only: installs a derived session and maps its index. */
    void installSession(Keypair kp) {
        for (Keypair dropped : keypairs.install(kp)) {
            forget(dropped);
        }
        if (handshakeIndex == kp.localIndex) {
            handshakeIndex = 0;
        } else if (handshakeIndex != 0) {
            device.indexTable().remove(handshakeIndex); // superseded by the peer's own initiation
            handshakeIndex = 0;
        }
        device.indexTable().bindKeypair(kp.localIndex, this, kp);
        timers.sessionDerived();
    }

    void handshakeCompleted() {
        lastHandshakeEpochNanos = device.clock().epochNanos();
        device.counters().count(DeviceCounters.Event.HANDSHAKE_COMPLETED);
        timers.handshakeComplete();
        if (!handshakeUp) {
            handshakeUp = true;
            device.peerListener().handshakeUp(this);
        }
    }

    /** Whether the last handshake is recent (reported up and not yet stale). */
    public boolean isHandshakeUp() {
        return handshakeUp;
    }

    /** Timer loop: an up peer without a handshake for REJECT_AFTER_TIME becomes stale. */
    void checkStale(long nowEpochNanos) {
        if (handshakeUp && nowEpochNanos - lastHandshakeEpochNanos > REJECT_AFTER_TIME_NANOS) {
            handshakeUp = false;
            device.peerListener().handshakeStale(this);
        }
    }

    /** A responder session was confirmed by the initiator's first packet. */
    void sessionConfirmed(Keypair kp) {
        if (keypairs.next() != kp) {
            return;
        }
        Keypair dropped = keypairs.received(kp);
        if (keypairs.current() == kp) {
            forget(dropped);
            handshakeCompleted();
            sendStaged(false);
        }
    }

    private void forget(Keypair kp) {
        if (kp != null) {
            device.indexTable().remove(kp.localIndex);
            kp.wipe();
        }
    }

    /** REKEY_ATTEMPT_TIME passed without a handshake: drop what waited. */
    void handshakeGaveUp() {
        staged.clear();
        device.counters().count(DeviceCounters.Event.HANDSHAKE_TIMED_OUT);
    }

    /** 3 × REJECT_AFTER_TIME without a new session: wipe every key of this peer. */
    void zeroKeyMaterial() {
        for (Keypair kp : keypairs.clear()) {
            forget(kp);
        }
        int idx = handshakeIndex;
        if (idx != 0) {
            device.indexTable().remove(idx);
            handshakeIndex = 0;
        }
        handshake.clear();
    }

    /** Removal from the device: stop timers, wipe keys, refuse further work. */
    void close() {
        removed = true;
        timers.stopAll();
        staged.clear();
        zeroKeyMaterial();
    }

    int stagedCount() {
        return staged.size();
    }
}
