package dev.keyroute.wgcore.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;

/**
 * ChaCha20-Poly1305 (RFC 8439) on byte arrays for the handshake, with WireGuard's nonce: 4 zero
 * bytes followed by the 64-bit counter little-endian. Thread-safe (a Cipher per call); use
 * {@link TransportCrypto} on the data path.
 */
public final class Aead {
    public static final String TRANSFORMATION = "ChaCha20-Poly1305";
    public static final int TAG_SIZE = 16;
    public static final int NONCE_SIZE = 12;

    private Aead() {
    }

    /** Returns ciphertext || 16-byte tag. */
    public static byte[] seal(byte[] key, long counter, byte[] plaintext, byte[] ad) {
        return sealWithNonce(key, nonce(counter), plaintext, ad);
    }

    /** Returns the plaintext, or null when the tag does not verify or the input is malformed. */
    public static byte[] open(byte[] key, long counter, byte[] ciphertext, byte[] ad) {
        return openWithNonce(key, nonce(counter), ciphertext, ad);
    }

    static byte[] sealWithNonce(byte[] key, byte[] nonce12, byte[] plaintext, byte[] ad) {
        ChaChaKey k = new ChaChaKey(key);
        try {
            Cipher c = Cipher.getInstance(TRANSFORMATION);
            c.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(nonce12));
            if (ad != null && ad.length > 0) {
                c.updateAAD(ad);
            }
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 unavailable or misused", e);
        } finally {
            k.destroy();
        }
    }

    static byte[] openWithNonce(byte[] key, byte[] nonce12, byte[] ciphertext, byte[] ad) {
        if (ciphertext == null || ciphertext.length < TAG_SIZE) {
            return null;
        }
        ChaChaKey k = new ChaChaKey(key);
        try {
            Cipher c = Cipher.getInstance(TRANSFORMATION);
            c.init(Cipher.DECRYPT_MODE, k, new IvParameterSpec(nonce12));
            if (ad != null && ad.length > 0) {
                c.updateAAD(ad);
            }
            return c.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 unavailable or misused", e);
        } finally {
            k.destroy();
        }
    }

    /** 4 zero bytes || counter little-endian. */
    static byte[] nonce(long counter) {
        byte[] n = new byte[NONCE_SIZE];
        putNonce(n, counter);
        return n;
    }

    static void putNonce(byte[] n, long counter) {
        for (int i = 0; i < 8; i++) {
            n[4 + i] = (byte) (counter >>> (8 * i));
        }
    }
}
