package dev.keyroute.wgcore.noise;

import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.SecretKey;
import javax.security.auth.DestroyFailedException;

/**
 * Transport keys from one completed handshake. Immutable except for the send counter and the
 * receive replay window.
 */
public final class Keypair {
    public final SecretKey sendKey;
    public final SecretKey recvKey;
    public final int localIndex;
    public final int remoteIndex;
    public final boolean initiator;
    public final long createdNanos;

    private final AtomicLong sendCounter = new AtomicLong();
    private final ReplayWindow replay = new ReplayWindow();

    public Keypair(SecretKey sendKey, SecretKey recvKey, int localIndex, int remoteIndex, boolean initiator,
            long createdNanos) {
        this.sendKey = sendKey;
        this.recvKey = recvKey;
        this.localIndex = localIndex;
        this.remoteIndex = remoteIndex;
        this.initiator = initiator;
        this.createdNanos = createdNanos;
    }

    /** The counter for the next outgoing message: 0, 1, 2, ... */
    public long nextSendCounter() {
        return sendCounter.getAndIncrement();
    }

    public ReplayWindow replay() {
        return replay;
    }

    /** Destroys both keys (best effort); later seals and opens with this keypair fail. */
    public void wipe() {
        destroy(sendKey);
        destroy(recvKey);
    }

    private static void destroy(SecretKey k) {
        try {
            if (!k.isDestroyed()) {
                k.destroy();
            }
        } catch (DestroyFailedException ignored) {
            // key class without wipe support: nothing more can be done
        }
    }

    @Override
    public String toString() {
        return "Keypair(local=" + Integer.toUnsignedString(localIndex) + ", remote="
                + Integer.toUnsignedString(remoteIndex) + ", initiator=" + initiator + ")";
    }
}
