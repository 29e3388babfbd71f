package dev.keyroute.wgcore.crypto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.SecretKey;
import javax.crypto.spec.ChaCha20ParameterSpec;

/**
 * ChaCha20-Poly1305 (RFC 8439 §2.8, empty associated data) for transport data messages, composed
 * from the JDK's "ChaCha20" stream cipher (whose block function is a CPU intrinsic) and this
 * package's {@link Poly1305} (the JDK's own Poly1305 is only intrinsified with AVX-512 IFMA and is
 * otherwise several times slower than the 26-bit-limb code). Per packet: one cipher init, keystream
 * block 0 becomes the one-time Poly1305 key, blocks 1.. encrypt; the tag covers the ciphertext
 * padded to 16 bytes and the two lengths. Open verifies the tag before decrypting anything.
 *
 * <p>One instance per thread: it owns its cipher, MAC and scratch and is not thread-safe.
 */
public final class TransportCrypto {
    private static final byte[] ZERO_BLOCK = new byte[64];
    private final Cipher stream;
    private final Poly1305 mac = new Poly1305();
    private final byte[] nonce = new byte[Aead.NONCE_SIZE];
    private final byte[] block0 = new byte[64];
    private final ByteBuffer block0Buf = ByteBuffer.wrap(block0).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer tag = ByteBuffer.allocate(Aead.TAG_SIZE).order(ByteOrder.LITTLE_ENDIAN);

    public TransportCrypto() {
        try {
            stream = Cipher.getInstance("ChaCha20");
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException("JDK lacks ChaCha20", e);
        }
    }

    /** A wipeable transport key over a copy of {@code raw32}. */
    public static SecretKey key(byte[] raw32) {
        return new ChaChaKey(raw32);
    }

    /**
     * Encrypts plaintext [position, limit) into {@code out} at its position (ciphertext then the
     * 16-byte tag), advancing both buffers. Returns the bytes written. In-place use (out sharing the
     * plaintext's memory at the same offset) is supported. The caller guarantees that (key,
     * counter) is never used twice (WireGuard's send counter).
     *
     * @throws IllegalStateException if the key is unusable (e.g. wiped)
     */
    public int seal(SecretKey key, long counter, ByteBuffer plaintext, ByteBuffer out) {
        int len = plaintext.remaining();
        if (out.remaining() < len + Aead.TAG_SIZE) {
            throw new IllegalArgumentException("output has " + out.remaining() + " bytes, needs " + (len + Aead.TAG_SIZE));
        }
        int outPos = out.position();
        try {
            start(key, counter);
            if (len > 0) {
                stream.update(plaintext, out);
            }
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new IllegalStateException("transport seal failed", e);
        }
        mac.updatePadded(out, outPos, len);
        mac.updateBlock(0, len);
        mac.finish(out, outPos + len);
        out.position(outPos + len + Aead.TAG_SIZE);
        return len + Aead.TAG_SIZE;
    }

    /**
     * Decrypts ciphertext [position, limit) (including the tag) into {@code out} at its position.
     * Returns the plaintext length and advances both buffers, or returns -1 and leaves both
     * positions unchanged when authentication fails, the input is shorter than a tag, or
     * {@code out} lacks room. Never throws for bad input.
     */
    public int open(SecretKey key, long counter, ByteBuffer ciphertext, ByteBuffer out) {
        int inLen = ciphertext.remaining();
        int ctLen = inLen - Aead.TAG_SIZE;
        if (ctLen < 0 || out.remaining() < ctLen) {
            return -1;
        }
        int inPos = ciphertext.position();
        int limit = ciphertext.limit();
        int outPos = out.position();
        try {
            start(key, counter);
        } catch (GeneralSecurityException | IllegalStateException | IllegalArgumentException e) {
            return -1;
        }
        mac.updatePadded(ciphertext, inPos, ctLen);
        mac.updateBlock(0, ctLen);
        mac.finish(tag, 0);
        int t = inPos + ctLen;
        long diff = (Poly1305.le64(tag, 0) ^ Poly1305.le64(ciphertext, t))
                | (Poly1305.le64(tag, 8) ^ Poly1305.le64(ciphertext, t + 8));
        if (diff != 0) {
            return -1;
        }
        if (ctLen > 0) {
            try {
                ciphertext.limit(t);
                stream.update(ciphertext, out);
            } catch (GeneralSecurityException | IllegalStateException | IllegalArgumentException e) {
                ciphertext.limit(limit).position(inPos);
                out.position(outPos);
                return -1;
            }
        }
        ciphertext.limit(limit).position(limit);
        return ctLen;
    }

    /** Inits the stream at block 0 for (key, counter) and keys the MAC with block 0. */
    private void start(SecretKey key, long counter) throws GeneralSecurityException {
        Aead.putNonce(nonce, counter);
        // Decrypt mode: a stream cipher XORs either way, and the JDK's encrypt-mode init would
        // reject re-keying with a (key, nonce) it just used — uniqueness is the protocol's job.
        stream.init(Cipher.DECRYPT_MODE, key, new ChaCha20ParameterSpec(nonce, 0));
        stream.update(ZERO_BLOCK, 0, ZERO_BLOCK.length, block0, 0);
        mac.init(block0Buf, 0);
        Arrays.fill(block0, (byte) 0);
    }
}
