package dev.keyroute.wgcore.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class TransportCryptoTest {
    private final TransportCrypto crypto = new TransportCrypto();
    private final byte[] raw = Blake2s.hash(new byte[] {42});
    private final SecretKey key = TransportCrypto.key(raw);

    private static byte[] payload(int n) {
        byte[] p = new byte[n];
        new Random(n).nextBytes(p);
        return p;
    }

    @Test
    void shouldMatchHandshakeAeadForSameKeyAndCounter() {
        byte[] p = payload(100);
        ByteBuffer out = ByteBuffer.allocate(200);
        int n = crypto.seal(key, 5, ByteBuffer.wrap(p), out);
        assertEquals(116, n);
        assertEquals(116, out.position());
        byte[] ct = new byte[n];
        out.flip().get(ct);
        assertArrayEquals(Aead.seal(raw, 5, p, null), ct);
    }

    @Test
    void shouldMatchJdkAeadForEveryLengthAcrossBlockBoundariesAndByteOrders() {
        Random rnd = new Random(7);
        for (int len = 0; len <= 300; len++) {
            byte[] k = new byte[32];
            rnd.nextBytes(k);
            if (len % 3 == 0) {
                java.util.Arrays.fill(k, (byte) 0xff); // r and s at their maxima exercise the carries
            }
            long counter = rnd.nextLong();
            byte[] p = payload(len);
            byte[] expected = Aead.seal(k, counter, p, null);
            for (boolean direct : new boolean[] {false, true}) {
                ByteBuffer in = direct ? ByteBuffer.allocateDirect(len) : ByteBuffer.allocate(len);
                in.put(p).flip();
                ByteBuffer out = direct ? ByteBuffer.allocateDirect(len + 16) : ByteBuffer.allocate(len + 16);
                out.order(len % 2 == 0 ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN);
                SecretKey sk = TransportCrypto.key(k);
                assertEquals(len + 16, crypto.seal(sk, counter, in, out));
                byte[] got = new byte[len + 16];
                out.flip().get(got);
                assertArrayEquals(expected, got, "length " + len + (direct ? " direct" : " heap"));
                ByteBuffer back = ByteBuffer.allocate(len);
                assertEquals(len, crypto.open(sk, counter, ByteBuffer.wrap(expected), back));
                assertArrayEquals(p, back.array(), "open, length " + len);
            }
        }
        for (int len : new int[] {1420, 1436, 4000}) {
            byte[] p = payload(len);
            ByteBuffer out = ByteBuffer.allocate(len + 16);
            crypto.seal(key, 77, ByteBuffer.wrap(p), out);
            assertArrayEquals(Aead.seal(raw, 77, p, null), out.array(), "length " + len);
        }
    }

    @Test
    void shouldRejectEveryTagWithOneBitFlipped() {
        byte[] sealed = Aead.seal(raw, 3, payload(33), null);
        for (int bit = 0; bit < sealed.length * 8; bit += 7) {
            byte[] bad = sealed.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            assertEquals(-1, crypto.open(key, 3, ByteBuffer.wrap(bad), ByteBuffer.allocate(64)), "bit " + bit);
        }
    }

    @Test
    void shouldRoundTripHeapBuffersInPlace() {
        byte[] p = payload(1400);
        ByteBuffer buf = ByteBuffer.allocate(1500);
        buf.position(16).put(p);
        ByteBuffer in = buf.duplicate().position(16).limit(16 + p.length);
        ByteBuffer out = buf.duplicate().position(16).limit(buf.capacity());
        assertEquals(p.length + 16, crypto.seal(key, 9, in, out));

        ByteBuffer cin = buf.duplicate().position(16).limit(16 + p.length + 16);
        ByteBuffer pout = buf.duplicate().position(16);
        assertEquals(p.length, crypto.open(key, 9, cin, pout));
        byte[] back = new byte[p.length];
        buf.get(16, back);
        assertArrayEquals(p, back);
    }

    @Test
    void shouldRoundTripDirectBuffersInPlace() {
        byte[] p = payload(64);
        ByteBuffer buf = ByteBuffer.allocateDirect(256);
        buf.put(16, p);
        assertEquals(80, crypto.seal(key, 1, buf.duplicate().position(16).limit(80), buf.duplicate().position(16)));
        assertEquals(64, crypto.open(key, 1, buf.duplicate().position(16).limit(96), buf.duplicate().position(16)));
        byte[] back = new byte[64];
        buf.get(16, back);
        assertArrayEquals(p, back);
    }

    @Test
    void shouldReturnMinusOneAndKeepPositionsWhenAuthenticationFails() {
        ByteBuffer ct = ByteBuffer.allocate(48);
        crypto.seal(key, 3, ByteBuffer.wrap(payload(32)), ct);
        ct.flip();
        ByteBuffer out = ByteBuffer.allocate(64);
        assertEquals(-1, crypto.open(key, 4, ct, out));
        assertEquals(0, ct.position());
        assertEquals(0, out.position());
        ct.put(0, (byte) (ct.get(0) ^ 1));
        assertEquals(-1, crypto.open(key, 3, ct, out));
        assertEquals(-1, crypto.open(key, 3, ByteBuffer.allocate(15), out));
        assertEquals(-1, crypto.open(key, 3, ct, ByteBuffer.allocate(4)));
    }

    @Test
    void shouldEncryptEmptyKeepalive() {
        ByteBuffer out = ByteBuffer.allocate(16);
        assertEquals(16, crypto.seal(key, 0, ByteBuffer.allocate(0), out));
        out.flip();
        assertEquals(0, crypto.open(key, 0, out, ByteBuffer.allocate(0)));
    }

    @Test
    void shouldFailOpenAfterKeyWiped() throws Exception {
        SecretKey k = TransportCrypto.key(raw);
        ByteBuffer ct = ByteBuffer.allocate(32);
        crypto.seal(k, 0, ByteBuffer.wrap(payload(16)), ct);
        k.destroy();
        assertEquals(-1, crypto.open(k, 0, ct.flip(), ByteBuffer.allocate(16)));
    }
}
