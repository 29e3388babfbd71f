package dev.keyroute.wgcore.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;

/**
 * ChaCha20-Poly1305 for transport data messages. One instance per thread: it owns its two
 * {@link Cipher} objects and nonce buffer and is not thread-safe. The only allocation per packet is
 * what {@link Cipher#init} itself makes (the JDK copies the key and the IV).
 */
public final class TransportCrypto {
    private final Cipher encryptor;
    private final Cipher decryptor;
    private final byte[] nonce = new byte[Aead.NONCE_SIZE];

    public TransportCrypto() {
        try {
            encryptor = Cipher.getInstance(Aead.TRANSFORMATION);
            decryptor = Cipher.getInstance(Aead.TRANSFORMATION);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException("JDK lacks ChaCha20-Poly1305", e);
        }
    }

    /** A wipeable transport key over a copy of {@code raw32}. */
    public static SecretKey key(byte[] raw32) {
        return new ChaChaKey(raw32);
    }

    /**
     * Encrypts plaintext [position, limit) into {@code out} at its position (ciphertext then the
     * 16-byte tag), advancing both buffers. Returns the bytes written. In-place use (out sharing the
     * plaintext's memory at the same offset) is supported.
     *
     * @throws IllegalStateException if the key is unusable or (key, counter) repeats the previous
     *     seal on this instance — a nonce reuse, which is a caller bug
     */
    public int seal(SecretKey key, long counter, ByteBuffer plaintext, ByteBuffer out) {
        int length = plaintext.remaining() + Aead.TAG_SIZE;
        if (out.remaining() < length) {
            throw new IllegalArgumentException("output has " + out.remaining() + " bytes, needs " + length);
        }
        Aead.putNonce(nonce, counter);
        try {
            encryptor.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
            return encryptor.doFinal(plaintext, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("transport seal failed", e);
        }
    }

    /**
     * Decrypts ciphertext [position, limit) (including the tag) into {@code out} at its position.
     * Returns the plaintext length and advances both buffers, or returns -1 and leaves both
     * positions unchanged when authentication fails, the input is shorter than a tag, or
     * {@code out} lacks room. Never throws for bad input.
     */
    public int open(SecretKey key, long counter, ByteBuffer ciphertext, ByteBuffer out) {
        int inLen = ciphertext.remaining();
        if (inLen < Aead.TAG_SIZE || out.remaining() < inLen - Aead.TAG_SIZE) {
            return -1;
        }
        int inPos = ciphertext.position();
        int outPos = out.position();
        Aead.putNonce(nonce, counter);
        try {
            decryptor.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce));
            return decryptor.doFinal(ciphertext, out);
        } catch (AEADBadTagException e) {
            ciphertext.position(inPos);
            out.position(outPos);
            return -1;
        } catch (GeneralSecurityException | IllegalStateException | IllegalArgumentException e) {
            ciphertext.position(inPos);
            out.position(outPos);
            return -1;
        }
    }
}
