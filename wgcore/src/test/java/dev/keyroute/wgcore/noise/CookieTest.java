package dev.keyroute.wgcore.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.wgcore.ProtocolConstants;
import dev.keyroute.wgcore.message.CookieReplyMessage;
import dev.keyroute.wgcore.message.MessageType;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class CookieTest {
    private static final byte[] SOURCE = {10, 0, 0, 1, (byte) 0xca, 0x6c};
    private static final byte[] OTHER_SOURCE = {10, 0, 0, 2, (byte) 0xca, 0x6c};

    private final ManualClock clock = new ManualClock();
    private final StaticIdentity alice = new StaticIdentity(StaticIdentity.generatePrivate());
    private final StaticIdentity bob = new StaticIdentity(StaticIdentity.generatePrivate());
    private final Handshake aliceToBob = new Handshake(alice, bob.publicKey());
    private final CookieGenerator aliceGenerator = new CookieGenerator(bob.publicKey(), clock);
    private final CookieChecker bobChecker = new CookieChecker(clock);

    CookieTest() {
        bobChecker.setLocalPublic(bob.publicKey());
    }

    private ByteBuffer signedInitiation() {
        ByteBuffer init = ByteBuffer.allocate(ProtocolConstants.INITIATION_SIZE);
        aliceToBob.createInitiation(77, clock.epochNanos(), init);
        init.flip();
        aliceGenerator.addMacs(init);
        return init;
    }

    private ByteBuffer replyFor(ByteBuffer msg, byte[] source) {
        ByteBuffer reply = ByteBuffer.allocate(ProtocolConstants.COOKIE_REPLY_SIZE);
        bobChecker.createReply(msg, source, reply);
        assertEquals(ProtocolConstants.COOKIE_REPLY_SIZE, reply.position());
        return reply.flip();
    }

    private static boolean mac2IsZero(ByteBuffer msg) {
        for (int i = msg.limit() - 16; i < msg.limit(); i++) {
            if (msg.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void shouldAcceptMac1FromGeneratorForThatResponder() {
        ByteBuffer init = signedInitiation();
        assertTrue(bobChecker.checkMac1(init));
        assertTrue(mac2IsZero(init), "no cookie yet, so mac2 stays zero");
        assertFalse(bobChecker.checkMac2(init, SOURCE));
    }

    @Test
    void shouldRejectMac1WhenMessageOrKeyDiffers() {
        ByteBuffer init = signedInitiation();
        init.put(20, (byte) (init.get(20) ^ 4));
        assertFalse(bobChecker.checkMac1(init));
        CookieChecker carol = new CookieChecker(clock);
        carol.setLocalPublic(alice.publicKey());
        assertFalse(carol.checkMac1(signedInitiation()));
        assertFalse(new CookieChecker(clock).checkMac1(signedInitiation()), "no local key yet");
    }

    @Test
    void shouldCompleteCookieFlowUnderLoad() {
        ByteBuffer first = signedInitiation();
        ByteBuffer reply = replyFor(first, SOURCE);
        assertEquals(ProtocolConstants.MESSAGE_COOKIE_REPLY, MessageType.type(reply, 0));
        assertEquals(77, new CookieReplyMessage().wrap(reply, 0).receiver());
        assertTrue(aliceGenerator.consumeReply(reply));

        clock.advanceNanos(1_000_000_000L);
        ByteBuffer second = signedInitiation();
        assertFalse(mac2IsZero(second));
        assertTrue(bobChecker.checkMac1(second));
        assertTrue(bobChecker.checkMac2(second, SOURCE));
        assertFalse(bobChecker.checkMac2(second, OTHER_SOURCE), "cookie is bound to the source address");
    }

    @Test
    void shouldRejectCookieReplyForAnotherMac1OrWithoutMessageSent() {
        ByteBuffer first = signedInitiation();
        ByteBuffer reply = replyFor(first, SOURCE);
        signedInitiation();
        assertFalse(aliceGenerator.consumeReply(reply), "reply answers an older mac1");

        CookieGenerator fresh = new CookieGenerator(bob.publicKey(), clock);
        assertFalse(fresh.consumeReply(replyFor(first, SOURCE)));
    }

    @Test
    void shouldRejectTamperedCookieReply() {
        ByteBuffer reply = replyFor(signedInitiation(), SOURCE);
        reply.put(40, (byte) (reply.get(40) ^ 1));
        assertFalse(aliceGenerator.consumeReply(reply));
    }

    @Test
    void shouldStopSendingMac2WhenCookieOlderThanTwoMinutes() {
        assertTrue(aliceGenerator.consumeReply(replyFor(signedInitiation(), SOURCE)));
        clock.advanceNanos(ProtocolConstants.COOKIE_REFRESH_TIME_NANOS);
        assertFalse(mac2IsZero(signedInitiation()), "exactly two minutes is still fresh");
        clock.advanceNanos(1);
        assertTrue(mac2IsZero(signedInitiation()));
    }

    @Test
    void shouldRejectMac2AfterResponderSecretExpires() {
        assertTrue(aliceGenerator.consumeReply(replyFor(signedInitiation(), SOURCE)));
        ByteBuffer withCookie = signedInitiation();
        assertTrue(bobChecker.checkMac2(withCookie, SOURCE));
        clock.advanceNanos(ProtocolConstants.COOKIE_REFRESH_TIME_NANOS + 1);
        assertFalse(bobChecker.checkMac2(withCookie, SOURCE));

        // a new reply rotates the secret; the old cookie no longer matches it
        ByteBuffer fresh = replyFor(withCookie, SOURCE);
        assertFalse(bobChecker.checkMac2(withCookie, SOURCE));
        assertTrue(aliceGenerator.consumeReply(fresh));
        assertTrue(bobChecker.checkMac2(signedInitiation(), SOURCE));
    }

    @Test
    void shouldMacResponsesWithSameGeometry() {
        CookieGenerator bobGenerator = new CookieGenerator(alice.publicKey(), clock);
        CookieChecker aliceChecker = new CookieChecker(clock);
        aliceChecker.setLocalPublic(alice.publicKey());
        ByteBuffer resp = ByteBuffer.allocate(ProtocolConstants.RESPONSE_SIZE);
        resp.put(0, (byte) 2);
        bobGenerator.addMacs(resp);
        assertTrue(aliceChecker.checkMac1(resp));
        ByteBuffer reply = ByteBuffer.allocate(64);
        aliceChecker.createReply(resp, SOURCE, reply);
        assertTrue(bobGenerator.consumeReply(reply.flip()));
        bobGenerator.addMacs(resp);
        assertTrue(aliceChecker.checkMac2(resp, SOURCE));
    }

    @Test
    void shouldMacOnlyTheWindowBetweenPositionAndLimit() {
        ByteBuffer init = signedInitiation();
        ByteBuffer framed = ByteBuffer.allocateDirect(300);
        framed.position(50).put(init.duplicate()).flip().position(50);
        assertTrue(bobChecker.checkMac1(framed));
        byte[] a = new byte[148];
        framed.get(50, a);
        assertArrayEquals(init.array(), a);
    }
}
