package dev.keyroute.wgcore.crypto;

import java.util.Arrays;

/**
 * XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha): HChaCha20 derives a subkey from the key and the
 * first 16 nonce bytes; ChaCha20-Poly1305 then runs with nonce 4 zero bytes || the last 8 bytes.
 * Used for cookie replies. Thread-safe.
 */
public final class XAead {
    public static final int NONCE_SIZE = 24;

    private XAead() {
    }

    public static byte[] seal(byte[] key, byte[] nonce24, byte[] plaintext, byte[] ad) {
        checkNonce(nonce24);
        byte[] subkey = HChaCha20.subkey(key, nonce24, 0);
        try {
            return Aead.sealWithNonce(subkey, innerNonce(nonce24), plaintext, ad);
        } finally {
            Arrays.fill(subkey, (byte) 0);
        }
    }

    /** Returns the plaintext or null when authentication fails or the input is malformed. */
    public static byte[] open(byte[] key, byte[] nonce24, byte[] ciphertext, byte[] ad) {
        if (nonce24 == null || nonce24.length != NONCE_SIZE || key == null || key.length != 32) {
            return null;
        }
        byte[] subkey = HChaCha20.subkey(key, nonce24, 0);
        try {
            return Aead.openWithNonce(subkey, innerNonce(nonce24), ciphertext, ad);
        } finally {
            Arrays.fill(subkey, (byte) 0);
        }
    }

    private static byte[] innerNonce(byte[] nonce24) {
        byte[] n = new byte[Aead.NONCE_SIZE];
        System.arraycopy(nonce24, 16, n, 4, 8);
        return n;
    }

    private static void checkNonce(byte[] nonce24) {
        if (nonce24.length != NONCE_SIZE) {
            throw new IllegalArgumentException("XChaCha20 nonce must be 24 bytes");
        }
    }
}
