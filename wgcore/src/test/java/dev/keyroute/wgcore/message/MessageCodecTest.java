package dev.keyroute.wgcore.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keyroute.wgcore.ProtocolConstants;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void shouldRoundTripInitiationFieldsAtOffset() {
        ByteBuffer buf = ByteBuffer.allocate(200);
        InitiationMessage m = new InitiationMessage().wrap(buf, 10);
        byte[] e = bytes(32, 1), s = bytes(48, 2), t = bytes(28, 3), m1 = bytes(16, 4), m2 = bytes(16, 5);
        m.writeHeader().sender(0xdeadbeef).putEphemeral(e).putEncryptedStatic(s).putEncryptedTimestamp(t).putMac1(m1).putMac2(m2);

        assertEquals(ProtocolConstants.MESSAGE_INITIATION, MessageType.type(buf, 10));
        assertEquals((byte) 0xef, buf.get(14), "sender is little-endian");
        InitiationMessage r = new InitiationMessage().wrap(buf, 10);
        assertEquals(0xdeadbeef, r.sender());
        byte[] e2 = new byte[32], s2 = new byte[48], t2 = new byte[28], a = new byte[16], b = new byte[16];
        r.getEphemeral(e2);
        r.getEncryptedStatic(s2);
        r.getEncryptedTimestamp(t2);
        r.getMac1(a);
        r.getMac2(b);
        assertArrayEquals(e, e2);
        assertArrayEquals(s, s2);
        assertArrayEquals(t, t2);
        assertArrayEquals(m1, a);
        assertArrayEquals(m2, b);
        byte[] tail = new byte[16];
        buf.get(10 + 148 - 16, tail);
        assertArrayEquals(m2, tail, "mac2 ends the 148-byte message");
    }

    @Test
    void shouldRoundTripResponseFields() {
        ByteBuffer buf = ByteBuffer.allocate(ProtocolConstants.RESPONSE_SIZE);
        byte[] e = bytes(32, 1), n = bytes(16, 2), m2 = bytes(16, 3);
        new ResponseMessage().wrap(buf, 0).writeHeader().sender(7).receiver(-2).putEphemeral(e).putEncryptedNothing(n).putMac2(m2);
        ResponseMessage r = new ResponseMessage().wrap(buf, 0);
        assertEquals(2, MessageType.type(buf, 0));
        assertEquals(7, r.sender());
        assertEquals(-2, r.receiver());
        byte[] e2 = new byte[32], n2 = new byte[16], tail = new byte[16];
        r.getEphemeral(e2);
        r.getEncryptedNothing(n2);
        buf.get(76, tail);
        assertArrayEquals(e, e2);
        assertArrayEquals(n, n2);
        assertArrayEquals(m2, tail);
    }

    @Test
    void shouldRoundTripCookieReplyFields() {
        ByteBuffer buf = ByteBuffer.allocate(ProtocolConstants.COOKIE_REPLY_SIZE);
        byte[] nonce = bytes(24, 1), c = bytes(32, 2);
        new CookieReplyMessage().wrap(buf, 0).writeHeader().receiver(0x01020304).putNonce(nonce).putEncryptedCookie(c);
        assertEquals(3, MessageType.type(buf, 0));
        assertEquals(0x04, buf.get(4));
        CookieReplyMessage r = new CookieReplyMessage().wrap(buf, 0);
        byte[] n2 = new byte[24], c2 = new byte[32];
        r.getNonce(n2);
        r.getEncryptedCookie(c2);
        assertEquals(0x01020304, r.receiver());
        assertArrayEquals(nonce, n2);
        assertArrayEquals(c, c2);
    }

    @Test
    void shouldEncodeTransportHeaderLittleEndianWhateverTheBufferOrder() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
            ByteBuffer buf = ByteBuffer.allocateDirect(32).order(order);
            new TransportHeader().wrap(buf, 4).writeHeader().receiver(0x11223344).counter(0x0102030405060708L);
            assertEquals(4, MessageType.type(buf, 4));
            assertEquals(0x44, buf.get(8));
            assertEquals(0x08, buf.get(12));
            assertEquals(0x01, buf.get(19));
            TransportHeader h = new TransportHeader().wrap(buf, 4);
            assertEquals(0x11223344, h.receiver());
            assertEquals(0x0102030405060708L, h.counter());
        }
    }

    @Test
    void shouldReturnMinusOneForNonZeroReservedBytesOrShortBuffer() {
        ByteBuffer buf = ByteBuffer.allocate(16);
        new TransportHeader().wrap(buf, 0).writeHeader();
        assertEquals(4, MessageType.type(buf, 0));
        buf.put(2, (byte) 1);
        assertEquals(-1, MessageType.type(buf, 0));
        assertEquals(-1, MessageType.type(ByteBuffer.allocate(3), 0));
        assertEquals(-1, MessageType.type(buf, 14));
    }
}
