package dev.keyroute.wgcore.device;

/**
 * Told about peer lifecycle and session state. {@link #handshakeUp} fires when a handshake completes
 * for a peer that was not up; {@link #handshakeStale} when an up peer has had no handshake for
 * longer than REJECT_AFTER_TIME (checked by the timer loop). Calls come from configuration, handshake
 * and timer threads; implementations must be quick and must not block.
 */
public interface PeerListener {
    PeerListener NONE = new PeerListener() {
    };

    default void peerAdded(Peer peer) {
    }

    default void peerRemoved(Peer peer) {
    }

    default void handshakeUp(Peer peer) {
    }

    default void handshakeStale(Peer peer) {
    }
}
