package dev.keyroute.wgcore.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CryptoKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SUNSCREEN = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip "
            + "for the future, sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
    private static final byte[] AAD = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
    private static final byte[] KEY_80 = HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");

    @Test
    void shouldMatchRfc7693Blake2sAbcVector() {
        assertEquals("508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982",
                HEX.formatHex(Blake2s.hash("abc".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void shouldHashPartsAsTheirConcatenation() {
        assertArrayEquals(Blake2s.hash("abc".getBytes(StandardCharsets.US_ASCII)),
                Blake2s.hash("a".getBytes(StandardCharsets.US_ASCII), new byte[0], "bc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void shouldMatchRfc7748X25519Vectors() {
        byte[] a = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] b = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        byte[] aPub = X25519.publicKey(a);
        byte[] bPub = X25519.publicKey(b);
        assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", HEX.formatHex(aPub));
        assertEquals("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", HEX.formatHex(bPub));
        byte[] k1 = new byte[32];
        byte[] k2 = new byte[32];
        assertTrue(X25519.sharedSecret(a, bPub, k1));
        assertTrue(X25519.sharedSecret(b, aPub, k2));
        assertEquals("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742", HEX.formatHex(k1));
        assertArrayEquals(k1, k2);
    }

    @Test
    void shouldRefuseAllZeroSharedSecretFromLowOrderPoint() {
        byte[] out = new byte[32];
        assertFalse(X25519.sharedSecret(X25519.generatePrivate(), new byte[32], out));
        assertArrayEquals(new byte[32], out);
    }

    @Test
    void shouldGenerateClampedPrivateKeys() {
        byte[] k = X25519.generatePrivate();
        assertEquals(0, k[0] & 7);
        assertEquals(0x40, k[31] & 0xc0);
    }

    @Test
    void shouldMatchRfc8439ChaCha20Poly1305Vector() {
        byte[] nonce = HEX.parseHex("070000004041424344454647");
        byte[] sealed = Aead.sealWithNonce(KEY_80, nonce, SUNSCREEN, AAD);
        String expected = "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
                + "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                + "3ff4def08e4b7a9de576d26586cec64b6116" + "1ae10b594f09e26a7e902ecbd0600691";
        assertEquals(expected, HEX.formatHex(sealed));
        assertArrayEquals(SUNSCREEN, Aead.openWithNonce(KEY_80, nonce, sealed, AAD));
    }

    @Test
    void shouldMatchHChaCha20DraftVector() {
        byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] nonce = HEX.parseHex("000000090000004a0000000031415927");
        assertEquals("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc",
                HEX.formatHex(HChaCha20.subkey(key, nonce, 0)));
    }

    @Test
    void shouldMatchXChaCha20Poly1305DraftVector() {
        byte[] nonce = HEX.parseHex("404142434445464748494a4b4c4d4e4f5051525354555657");
        byte[] sealed = XAead.seal(KEY_80, nonce, SUNSCREEN, AAD);
        String expected = "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb731c7f1b0b4aa6440bf3a82f4eda7e39"
                + "ae64c6708c54c216cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9"
                + "21f9664c97637da9768812f615c68b13b52e" + "c0875924c1c7987947deafd8780acf49";
        assertEquals(expected, HEX.formatHex(sealed));
        assertArrayEquals(SUNSCREEN, XAead.open(KEY_80, nonce, sealed, AAD));
    }

    @Test
    void shouldReturnNullWhenXAeadCiphertextTampered() {
        byte[] nonce = new byte[24];
        byte[] sealed = XAead.seal(KEY_80, nonce, SUNSCREEN, AAD);
        sealed[3] ^= 1;
        assertNull(XAead.open(KEY_80, nonce, sealed, AAD));
        assertNull(XAead.open(KEY_80, new byte[23], sealed, AAD));
    }

    @Test
    void shouldPutCounterLittleEndianAfterFourZeroBytesInHandshakeNonce() {
        byte[] nonce = HEX.parseHex("000000000102030405060708");
        byte[] viaNonce = Aead.sealWithNonce(KEY_80, nonce, SUNSCREEN, AAD);
        assertArrayEquals(viaNonce, Aead.seal(KEY_80, 0x0807060504030201L, SUNSCREEN, AAD));
    }

    @Test
    void shouldReturnNullWhenAeadTagOrAdWrong() {
        byte[] sealed = Aead.seal(KEY_80, 7, SUNSCREEN, AAD);
        assertArrayEquals(SUNSCREEN, Aead.open(KEY_80, 7, sealed, AAD));
        assertNull(Aead.open(KEY_80, 8, sealed, AAD));
        assertNull(Aead.open(KEY_80, 7, sealed, new byte[1]));
        sealed[sealed.length - 1] ^= 0x10;
        assertNull(Aead.open(KEY_80, 7, sealed, AAD));
        assertNull(Aead.open(KEY_80, 7, new byte[15], AAD));
    }

    @Test
    void shouldDeriveKdfOutputsAsChainedHmacs() {
        byte[] key = Blake2s.hash(new byte[] {1});
        byte[] input = Blake2s.hash(new byte[] {2});
        byte[] t1 = new byte[32];
        byte[] t2 = new byte[32];
        byte[] t3 = new byte[32];
        Blake2s.kdf(key, input, t1, t2, t3);
        byte[] prk = Blake2s.hmac(key, input);
        assertArrayEquals(Blake2s.hmac(prk, new byte[] {1}), t1);
        assertArrayEquals(Blake2s.hmac(prk, t1, new byte[] {2}), t2);
        assertArrayEquals(Blake2s.hmac(prk, t2, new byte[] {3}), t3);
        byte[] only = new byte[32];
        Blake2s.kdf(key, input, only);
        assertArrayEquals(t1, only);
    }

    @Test
    void shouldComputeHmacBlake2sPerRfc2104() {
        // RFC 2104 by hand: HASH((K ^ opad) || HASH((K ^ ipad) || m)) with K zero-padded to 64 bytes
        byte[] key = "key".getBytes(StandardCharsets.US_ASCII);
        byte[] msg = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);
        byte[] ipad = new byte[64];
        byte[] opad = new byte[64];
        for (int i = 0; i < 64; i++) {
            byte k = i < key.length ? key[i] : 0;
            ipad[i] = (byte) (k ^ 0x36);
            opad[i] = (byte) (k ^ 0x5c);
        }
        assertArrayEquals(Blake2s.hash(opad, Blake2s.hash(ipad, msg)), Blake2s.hmac(key, msg));
    }

    @Test
    void shouldProduceSixteenByteKeyedMacDifferentPerKey() {
        byte[] m1 = Blake2s.mac(new byte[32], new byte[] {1, 2, 3});
        byte[] m2 = Blake2s.mac(Blake2s.hash(new byte[0]), new byte[] {1, 2, 3});
        assertEquals(16, m1.length);
        assertFalse(java.util.Arrays.equals(m1, m2));
        assertArrayEquals(m1, Blake2s.mac(new byte[32], new byte[] {1}, new byte[] {2, 3}));
    }
}
