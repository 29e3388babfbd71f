package dev.keyroute.wgcore.device;

import static dev.keyroute.wgcore.testing.Packets.ipv4Udp;
import static dev.keyroute.wgcore.testing.Packets.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PeerListenerTest {
    private static final class Recorder implements PeerListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void peerAdded(Peer peer) {
            events.add("added");
        }

        @Override
        public void peerRemoved(Peer peer) {
            events.add("removed");
        }

        @Override
        public void handshakeUp(Peer peer) {
            events.add("up");
        }

        @Override
        public void handshakeStale(Peer peer) {
            events.add("stale");
        }
    }

    @Test
    void shouldReportUpOnceThenStaleAfterRejectAfterTimeWithoutHandshake() throws Exception {
        try (EnginePair p = new EnginePair()) {
            Recorder r = new Recorder();
            p.a.setPeerListener(r);
            EnginePair.send(p.a, ipv4Udp(v4(10, 0, 0, 1), v4(10, 0, 0, 2), 1000, 2000, 64));
            p.pump();
            assertEquals(List.of("up"), r.events);
            assertTrue(p.bOnA.isHandshakeUp());
            p.clock.advance(179, TimeUnit.SECONDS);
            p.a.runPending();
            assertEquals(List.of("up"), r.events, "not stale before REJECT_AFTER_TIME");
            p.clock.advance(2, TimeUnit.SECONDS);
            p.a.runPending();
            assertEquals(List.of("up", "stale"), r.events);
            assertFalse(p.bOnA.isHandshakeUp());
        }
    }

    @Test
    void shouldReportPeerAddedAndRemoved() throws Exception {
        try (EnginePair p = new EnginePair()) {
            Recorder r = new Recorder();
            p.a.setPeerListener(r);
            p.a.removePeer(p.bOnA.publicKey());
            p.a.addPeer(p.bOnA.publicKey());
            assertEquals(List.of("removed", "added"), r.events);
        }
    }
}
