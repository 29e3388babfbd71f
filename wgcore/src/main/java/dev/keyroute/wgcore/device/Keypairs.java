package dev.keyroute.wgcore.device;

import dev.keyroute.wgcore.noise.Keypair;

/**
 * A peer's three session slots, rotated as WireGuard does: {@code current} sends; {@code previous}
 * still decrypts packets in flight; {@code next} is a responder's session that becomes current once
 * the initiator proves it holds the keys by sending on it.
 */
final class Keypairs {
    private volatile Keypair previous;
    private volatile Keypair current;
    private volatile Keypair next;

    Keypair current() {
        return current;
    }

    Keypair previous() {
        return previous;
    }

    Keypair next() {
        return next;
    }

    /**
     * Installs a freshly derived session; returns the keypairs that fell out so the caller can free
     * their indices (never null; may be empty).
     */
    synchronized Keypair[] install(Keypair kp) {
        Keypair[] dropped;
        if (kp.initiator) {
            if (next != null) {
                dropped = new Keypair[] {previous, current};
                previous = next;
                next = null;
            } else {
                dropped = new Keypair[] {previous};
                previous = current;
            }
            current = kp;
        } else {
            dropped = new Keypair[] {next, previous};
            next = kp;
            previous = null;
        }
        return dropped;
    }

    /**
     * Called when a packet authenticated with {@code kp}: confirms a responder session. Returns the
     * keypair that fell out, or null.
     */
    Keypair received(Keypair kp) {
        if (next != kp) {
            return null;
        }
        synchronized (this) {
            if (next != kp) {
                return null;
            }
            Keypair dropped = previous;
            previous = current;
            current = kp;
            next = null;
            return dropped;
        }
    }

    /** Whether {@code kp} is still one of the live slots (an index may outlive its session). */
    boolean isLive(Keypair kp) {
        return kp == current || kp == previous || kp == next;
    }

    /** Clears every slot; returns what was there. */
    synchronized Keypair[] clear() {
        Keypair[] all = {previous, current, next};
        previous = current = next = null;
        return all;
    }
}
