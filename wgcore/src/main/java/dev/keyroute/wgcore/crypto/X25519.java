package dev.keyroute.wgcore.crypto;

import java.security.SecureRandom;

/** Curve25519 Diffie-Hellman (RFC 7748) as WireGuard uses it, over BouncyCastle's implementation. */
public final class X25519 {
    public static final int KEY_SIZE = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private X25519() {
    }

    /** A fresh random private key, clamped as RFC 7748 §5 and wg genkey do. */
    public static byte[] generatePrivate() {
        byte[] k = new byte[KEY_SIZE];
        RANDOM.nextBytes(k);
        clamp(k);
        return k;
    }

    /** Clamps {@code k} in place: clear bits 0-2 and 255, set bit 254. */
    public static void clamp(byte[] k) {
        k[0] &= (byte) 248;
        k[31] &= 127;
        k[31] |= 64;
    }

    public static byte[] publicKey(byte[] priv) {
        byte[] pub = new byte[KEY_SIZE];
        org.bouncycastle.math.ec.rfc7748.X25519.generatePublicKey(priv, 0, pub, 0);
        return pub;
    }

    /**
     * Writes X25519(priv, pub) into {@code out32}. Returns false (and leaves zeros) when the result
     * is all zero, i.e. {@code pub} is a low-order point.
     */
    public static boolean sharedSecret(byte[] priv, byte[] pub, byte[] out32) {
        return org.bouncycastle.math.ec.rfc7748.X25519.calculateAgreement(priv, 0, pub, 0, out32, 0);
    }
}
