package dev.keyroute.wgcore.device;

import static dev.keyroute.wgcore.ProtocolConstants.KEEPALIVE_TIMEOUT_NANOS;
import static dev.keyroute.wgcore.ProtocolConstants.MAX_TIMER_HANDSHAKES;
import static dev.keyroute.wgcore.ProtocolConstants.REJECT_AFTER_TIME_NANOS;
import static dev.keyroute.wgcore.ProtocolConstants.REKEY_TIMEOUT_JITTER_MAX_NANOS;
import static dev.keyroute.wgcore.ProtocolConstants.REKEY_TIMEOUT_NANOS;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A peer's protocol timers, driven by named events (as in the whitepaper §6 and wireguard-go's
 * timers.go). Each timer is a deadline on the injected clock (0 = not armed); the device's timer
 * loop calls {@link #tick(long)}, so arming a timer on the hot path is one volatile write.
 */
final class PeerTimers {
    private final Peer peer;

    private volatile long retransmitHandshake;
    private volatile long sendKeepalive;
    private volatile long newHandshake;
    private volatile long zeroKeyMaterial;
    private volatile long persistentKeepalive;

    private volatile int handshakeAttempts;
    private volatile boolean needAnotherKeepalive;
    volatile boolean sentLastMinuteHandshake;

    PeerTimers(Peer peer) {
        this.peer = peer;
    }

    private long now() {
        return peer.device().clock().nanoTime();
    }

    private static long jitter() {
        return ThreadLocalRandom.current().nextLong(REKEY_TIMEOUT_JITTER_MAX_NANOS);
    }

    private static long arm(long now, long delay) {
        long d = now + delay;
        return d == 0 ? 1 : d;
    }

    // ---- events, in the order a session lives through them ----

    /** We sent a handshake initiation (first or retry). */
    void handshakeInitiated() {
        sendKeepalive = 0;
        retransmitHandshake = arm(now(), REKEY_TIMEOUT_NANOS + jitter());
    }

    /** A handshake response was consumed: the session is up. */
    void handshakeComplete() {
        retransmitHandshake = 0;
        handshakeAttempts = 0;
        sentLastMinuteHandshake = false;
    }

    /** New session keys were derived (either side). */
    void sessionDerived() {
        zeroKeyMaterial = arm(now(), 3 * REJECT_AFTER_TIME_NANOS);
    }

    /** We sent a transport data packet (not a keepalive). */
    void dataSent() {
        if (newHandshake == 0) {
            newHandshake = arm(now(), KEEPALIVE_TIMEOUT_NANOS + REKEY_TIMEOUT_NANOS + jitter());
        }
    }

    /** We received a transport data packet (not a keepalive). */
    void dataReceived() {
        if (sendKeepalive == 0) {
            sendKeepalive = arm(now(), KEEPALIVE_TIMEOUT_NANOS);
        } else {
            needAnotherKeepalive = true;
        }
    }

    /** Any authenticated packet (data, keepalive, handshake) was sent. */
    void anyAuthenticatedPacketSent() {
        if (sendKeepalive != 0) {
            sendKeepalive = 0;
        }
    }

    /** Any authenticated packet was received. */
    void anyAuthenticatedPacketReceived() {
        if (newHandshake != 0) {
            newHandshake = 0;
        }
    }

    /** Any authenticated packet went either way: restarts the persistent keepalive. */
    void anyAuthenticatedPacketTraversal() {
        int interval = peer.persistentKeepaliveSeconds();
        if (interval > 0) {
            persistentKeepalive = arm(now(), interval * 1_000_000_000L);
        }
    }

    /** The persistent keepalive interval changed. */
    void persistentKeepaliveChanged() {
        int interval = peer.persistentKeepaliveSeconds();
        persistentKeepalive = interval > 0 ? arm(now(), interval * 1_000_000_000L) : 0;
    }

    /** A handshake that we did not retry (a fresh one) resets the attempt count. */
    void handshakeAttemptsReset() {
        handshakeAttempts = 0;
    }

    void stopAll() {
        retransmitHandshake = sendKeepalive = newHandshake = zeroKeyMaterial = persistentKeepalive = 0;
    }

    boolean retransmitPending() {
        return retransmitHandshake != 0;
    }

    // ---- expiries ----

    /** Fires every timer whose deadline has passed. Called from the device's timer loop only. */
    void tick(long now) {
        long d = retransmitHandshake;
        if (d != 0 && now - d >= 0) {
            retransmitHandshake = 0;
            expiredRetransmitHandshake();
        }
        d = sendKeepalive;
        if (d != 0 && now - d >= 0) {
            sendKeepalive = 0;
            peer.sendKeepalive();
            if (needAnotherKeepalive) {
                needAnotherKeepalive = false;
                sendKeepalive = arm(now, KEEPALIVE_TIMEOUT_NANOS);
            }
        }
        d = newHandshake;
        if (d != 0 && now - d >= 0) {
            newHandshake = 0;
            // We sent data but heard nothing back: the peer may have lost our session.
            peer.requestHandshake(false);
        }
        d = zeroKeyMaterial;
        if (d != 0 && now - d >= 0) {
            zeroKeyMaterial = 0;
            peer.zeroKeyMaterial();
        }
        d = persistentKeepalive;
        if (d != 0 && now - d >= 0) {
            persistentKeepalive = 0;
            peer.sendKeepalive();
        }
    }

    private void expiredRetransmitHandshake() {
        if (handshakeAttempts > MAX_TIMER_HANDSHAKES) {
            // Give up after REKEY_ATTEMPT_TIME; drop what waited and wipe keys later.
            peer.handshakeGaveUp();
            sendKeepalive = 0;
            if (zeroKeyMaterial == 0) {
                zeroKeyMaterial = arm(now(), 3 * REJECT_AFTER_TIME_NANOS);
            }
            return;
        }
        handshakeAttempts++;
        peer.requestHandshake(true);
    }
}
