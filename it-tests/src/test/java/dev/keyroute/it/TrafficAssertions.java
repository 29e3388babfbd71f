package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

/** Checks of what {@code wg show dump} reports after traffic went through a tunnel. */
public final class TrafficAssertions {
    private TrafficAssertions() {
    }

    /**
     * The device's entry for {@code peerPublicKey} has a handshake in the last two minutes and at
     * least {@code minRx}/{@code minTx} bytes counted; returns it for further checks.
     */
    public static WgDump.Peer assertHandshakeAndTransfer(WgDevice device, String peerPublicKey, long minRx, long minTx) {
        WgDump dump = device.dump();
        WgDump.Peer peer = dump.peer(peerPublicKey)
                .orElseThrow(() -> new AssertionError(device + " does not list peer " + peerPublicKey + ": " + dump));
        long now = Instant.now().getEpochSecond();
        assertTrue(peer.latestHandshake() > 0, device + ": no handshake recorded: " + peer);
        assertTrue(Math.abs(now - peer.latestHandshake()) < 120, device + ": latest handshake not recent: " + peer);
        assertTrue(peer.rxBytes() >= Math.max(1, minRx), device + ": rx bytes below " + minRx + ": " + peer);
        assertTrue(peer.txBytes() >= Math.max(1, minTx), device + ": tx bytes below " + minTx + ": " + peer);
        return peer;
    }
}
