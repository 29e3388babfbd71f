package dev.keyroute.wgcore.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.config.Key;
import dev.keyroute.wgcore.ProtocolConstants;
import dev.keyroute.wgcore.crypto.TransportCrypto;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1_700_000_000L * SECOND;

    private final StaticIdentity alice = new StaticIdentity(StaticIdentity.generatePrivate());
    private final StaticIdentity bob = new StaticIdentity(StaticIdentity.generatePrivate());
    /** Alice's view of Bob and Bob's view of Alice. */
    private final Handshake aliceToBob = new Handshake(alice, bob.publicKey());
    private final Handshake bobToAlice = new Handshake(bob, alice.publicKey());
    private final HandshakeProcessor bobProcessor = new HandshakeProcessor(bob);
    private final Function<Key, Handshake> bobLookup = k -> k.equals(alice.publicKey()) ? bobToAlice : null;

    private ByteBuffer initiation(Handshake h, int index, long epochNanos) {
        ByteBuffer out = ByteBuffer.allocate(ProtocolConstants.INITIATION_SIZE);
        h.createInitiation(index, epochNanos, out);
        assertEquals(ProtocolConstants.INITIATION_SIZE, out.position());
        return out.flip();
    }

    private ByteBuffer response(Handshake h, int index) {
        ByteBuffer out = ByteBuffer.allocate(ProtocolConstants.RESPONSE_SIZE);
        h.createResponse(index, out);
        assertEquals(ProtocolConstants.RESPONSE_SIZE, out.position());
        return out.flip();
    }

    @Test
    void shouldAgreeOnTransportKeysAfterFullHandshake() {
        ByteBuffer init = initiation(aliceToBob, 111, T0);
        assertSame(bobToAlice, bobProcessor.consumeInitiation(init, bobLookup, 5 * SECOND));
        assertEquals(111, bobToAlice.remoteIndex());
        ByteBuffer resp = response(bobToAlice, 222);
        assertTrue(aliceToBob.consumeResponse(resp));
        assertEquals(222, aliceToBob.remoteIndex());

        Keypair a = aliceToBob.beginSession(7);
        Keypair b = bobToAlice.beginSession(8);
        assertNotNull(a);
        assertNotNull(b);
        assertTrue(a.initiator);
        assertFalse(b.initiator);
        assertEquals(111, a.localIndex);
        assertEquals(222, a.remoteIndex);
        assertEquals(222, b.localIndex);
        assertEquals(111, b.remoteIndex);
        assertArrayEquals(a.sendKey.getEncoded(), b.recvKey.getEncoded());
        assertArrayEquals(a.recvKey.getEncoded(), b.sendKey.getEncoded());
        assertFalse(java.util.Arrays.equals(a.sendKey.getEncoded(), a.recvKey.getEncoded()));

        TransportCrypto crypto = new TransportCrypto();
        byte[] msg = "hello through the tunnel".getBytes(StandardCharsets.US_ASCII);
        long counter = a.nextSendCounter();
        assertEquals(0, counter);
        ByteBuffer ct = ByteBuffer.allocate(64);
        crypto.seal(a.sendKey, counter, ByteBuffer.wrap(msg), ct);
        ByteBuffer pt = ByteBuffer.allocate(64);
        assertEquals(msg.length, crypto.open(b.recvKey, counter, ct.flip(), pt));
        assertTrue(b.replay().accept(counter));
        assertArrayEquals(msg, java.util.Arrays.copyOf(pt.array(), msg.length));

        assertNull(aliceToBob.beginSession(9), "session keys are derived once");
        assertNull(bobToAlice.beginSession(9));
    }

    @Test
    void shouldAgreeWhenBothSidesUseTheSamePresharedKey() {
        Key psk = StaticIdentity.generatePrivate();
        aliceToBob.setPresharedKey(psk);
        bobToAlice.setPresharedKey(psk);
        bobProcessor.consumeInitiation(initiation(aliceToBob, 1, T0), bobLookup, SECOND);
        assertTrue(aliceToBob.consumeResponse(response(bobToAlice, 2)));
        assertArrayEquals(aliceToBob.beginSession(0).sendKey.getEncoded(), bobToAlice.beginSession(0).recvKey.getEncoded());
    }

    @Test
    void shouldRejectResponseWhenPresharedKeysDiffer() {
        aliceToBob.setPresharedKey(StaticIdentity.generatePrivate());
        assertNotNull(bobProcessor.consumeInitiation(initiation(aliceToBob, 1, T0), bobLookup, SECOND));
        assertFalse(aliceToBob.consumeResponse(response(bobToAlice, 2)));
        assertNull(aliceToBob.beginSession(0));
    }

    @Test
    void shouldRejectReplayedInitiation() {
        ByteBuffer init = initiation(aliceToBob, 1, T0);
        ByteBuffer copy = ByteBuffer.allocate(init.remaining()).put(init.duplicate()).flip();
        assertNotNull(bobProcessor.consumeInitiation(init, bobLookup, SECOND));
        assertNull(bobProcessor.consumeInitiation(copy, bobLookup, 10 * SECOND));
    }

    @Test
    void shouldRejectInitiationWithOlderTimestamp() {
        ByteBuffer older = initiation(aliceToBob, 1, T0);
        ByteBuffer newer = initiation(aliceToBob, 2, T0 + SECOND);
        assertNotNull(bobProcessor.consumeInitiation(newer, bobLookup, SECOND));
        assertNull(bobProcessor.consumeInitiation(older, bobLookup, 10 * SECOND));
    }

    @Test
    void shouldRejectInitiationFloodWithinRateLimit() {
        assertNotNull(bobProcessor.consumeInitiation(initiation(aliceToBob, 1, T0), bobLookup, SECOND));
        long tooSoon = SECOND + ProtocolConstants.HANDSHAKE_INITIATION_RATE_NANOS;
        assertNull(bobProcessor.consumeInitiation(initiation(aliceToBob, 2, T0 + SECOND), bobLookup, tooSoon));
        assertNotNull(bobProcessor.consumeInitiation(initiation(aliceToBob, 3, T0 + 2 * SECOND), bobLookup, tooSoon + 1));
    }

    @Test
    void shouldRejectInitiationFromUnknownPeer() {
        assertNull(bobProcessor.consumeInitiation(initiation(aliceToBob, 1, T0), k -> null, SECOND));
        StaticIdentity mallory = new StaticIdentity(StaticIdentity.generatePrivate());
        Handshake malloryToBob = new Handshake(mallory, bob.publicKey());
        assertNull(bobProcessor.consumeInitiation(initiation(malloryToBob, 1, T0), bobLookup, SECOND));
    }

    @Test
    void shouldRejectInitiationForAnotherResponder() {
        StaticIdentity carol = new StaticIdentity(StaticIdentity.generatePrivate());
        Handshake aliceToCarol = new Handshake(alice, carol.publicKey());
        assertNull(bobProcessor.consumeInitiation(initiation(aliceToCarol, 1, T0), bobLookup, SECOND));
    }

    @Test
    void shouldRejectTamperedInitiationInEveryEncryptedField() {
        for (int index : new int[] {8, 40, 87, 88, 115}) {
            Handshake a = new Handshake(alice, bob.publicKey());
            Handshake b = new Handshake(bob, alice.publicKey());
            ByteBuffer init = initiation(a, 1, T0);
            init.put(index, (byte) (init.get(index) ^ 0x01));
            assertNull(bobProcessor.consumeInitiation(init, k -> b, SECOND), "byte " + index);
        }
        ByteBuffer init = initiation(aliceToBob, 1, T0);
        init.put(1, (byte) 1);
        assertNull(bobProcessor.consumeInitiation(init, bobLookup, SECOND), "reserved byte");
        assertNull(bobProcessor.consumeInitiation(initiation(aliceToBob, 1, T0 + 1).limit(147), bobLookup, SECOND));
    }

    @Test
    void shouldRejectTamperedResponseAndKeepWaiting() {
        bobProcessor.consumeInitiation(initiation(aliceToBob, 1, T0), bobLookup, SECOND);
        ByteBuffer resp = response(bobToAlice, 2);
        for (int index : new int[] {12, 43, 44, 59}) {
            ByteBuffer bad = ByteBuffer.allocate(92).put(resp.duplicate()).flip();
            bad.put(index, (byte) (bad.get(index) ^ 0x80));
            assertFalse(aliceToBob.consumeResponse(bad), "byte " + index);
        }
        ByteBuffer wrongReceiver = ByteBuffer.allocate(92).put(resp.duplicate()).flip();
        wrongReceiver.put(8, (byte) 99);
        assertFalse(aliceToBob.consumeResponse(wrongReceiver));
        assertTrue(aliceToBob.consumeResponse(resp), "the genuine response still works after forgeries");
    }

    @Test
    void shouldRejectResponseWithoutOutstandingInitiation() {
        Handshake other = new Handshake(alice, bob.publicKey());
        bobProcessor.consumeInitiation(initiation(other, 1, T0), bobLookup, SECOND);
        assertFalse(aliceToBob.consumeResponse(response(bobToAlice, 2)));
    }

    @Test
    void shouldRefuseResponseCreationWithoutConsumedInitiation() {
        assertThrows(IllegalStateException.class, () -> response(bobToAlice, 1));
        assertNull(bobToAlice.beginSession(0));
    }

    @Test
    void shouldRecordLastAcceptedTimestamp() {
        assertArrayEquals(new byte[12], bobToAlice.lastTimestamp());
        bobProcessor.consumeInitiation(initiation(aliceToBob, 1, T0), bobLookup, SECOND);
        assertArrayEquals(dev.keyroute.wgcore.crypto.Tai64n.now(T0), bobToAlice.lastTimestamp());
    }

    @Test
    void shouldForgetInitiationWhenCleared() {
        bobProcessor.consumeInitiation(initiation(aliceToBob, 1, T0), bobLookup, SECOND);
        ByteBuffer resp = response(bobToAlice, 2);
        aliceToBob.clear();
        assertFalse(aliceToBob.consumeResponse(resp));
        assertEquals(0, aliceToBob.localIndex());
    }

    @Test
    void shouldHandshakeWithNewIdentityAfterLocalKeyChange() {
        StaticIdentity bob2 = new StaticIdentity(StaticIdentity.generatePrivate());
        Handshake aliceToBob2 = new Handshake(alice, bob2.publicKey());
        bobToAlice.setLocalIdentity(bob2);
        bobProcessor.setLocalIdentity(bob2);
        assertNotNull(bobProcessor.consumeInitiation(initiation(aliceToBob2, 1, T0), bobLookup, SECOND));
        assertTrue(aliceToBob2.consumeResponse(response(bobToAlice, 2)));
        assertArrayEquals(aliceToBob2.beginSession(0).sendKey.getEncoded(), bobToAlice.beginSession(0).recvKey.getEncoded());
    }

    @Test
    void shouldRefuseInitiationToLowOrderPublicKey() {
        Handshake bad = new Handshake(alice, Key.of(new byte[32]));
        assertThrows(IllegalStateException.class, () -> initiation(bad, 1, T0));
    }

    @Test
    void shouldWipeKeypairKeys() {
        bobProcessor.consumeInitiation(initiation(aliceToBob, 1, T0), bobLookup, SECOND);
        aliceToBob.consumeResponse(response(bobToAlice, 2));
        Keypair kp = aliceToBob.beginSession(0);
        kp.wipe();
        assertTrue(kp.sendKey.isDestroyed());
        assertTrue(kp.recvKey.isDestroyed());
    }
}
