package dev.keyroute.wgcore.noise;

import dev.keyroute.wgcore.crypto.Aead;
import dev.keyroute.wgcore.crypto.Blake2s;
import dev.keyroute.wgcore.crypto.X25519;
import java.util.Arrays;

/**
 * The Noise chaining key and transcript hash while one handshake message is processed (whitepaper
 * §5.4). Works on its own copies, so a failed message leaves the caller's state untouched. Not
 * thread-safe; lives only inside one synchronized handshake step.
 */
final class SymmetricState {
    final byte[] chainKey = new byte[32];
    final byte[] hash = new byte[32];
    private final byte[] key = new byte[32];
    private final byte[] dh = new byte[32];

    /** Starts from C_i, H_i and mixes in the responder's static public key. */
    static SymmetricState initial(byte[] responderStatic) {
        SymmetricState s = new SymmetricState();
        System.arraycopy(NoiseConstants.INITIAL_CHAIN_KEY, 0, s.chainKey, 0, 32);
        System.arraycopy(NoiseConstants.INITIAL_HASH, 0, s.hash, 0, 32);
        s.mixHash(responderStatic);
        return s;
    }

    static SymmetricState resume(byte[] chainKey, byte[] hash) {
        SymmetricState s = new SymmetricState();
        System.arraycopy(chainKey, 0, s.chainKey, 0, 32);
        System.arraycopy(hash, 0, s.hash, 0, 32);
        return s;
    }

    /** H = HASH(H || data). */
    void mixHash(byte[] data) {
        byte[] h = Blake2s.hash(hash, data);
        System.arraycopy(h, 0, hash, 0, 32);
    }

    /** C = KDF1(C, data). */
    void mixKey(byte[] data) {
        Blake2s.kdf(chainKey, data, chainKey);
    }

    /** C = KDF1(C, DH(priv, pub)); false if the DH result is zero. */
    boolean mixDh(byte[] priv, byte[] pub) {
        if (!X25519.sharedSecret(priv, pub, dh)) {
            return false;
        }
        mixKey(dh);
        Arrays.fill(dh, (byte) 0);
        return true;
    }

    /** (C, k) = KDF2(C, DH(priv, pub)); false if the DH result is zero. */
    boolean mixDhAndKey(byte[] priv, byte[] pub) {
        if (!X25519.sharedSecret(priv, pub, dh)) {
            return false;
        }
        mixKeyAndKey(dh);
        Arrays.fill(dh, (byte) 0);
        return true;
    }

    /** (C, k) = KDF2(C, input). */
    void mixKeyAndKey(byte[] input) {
        Blake2s.kdf(chainKey, input, chainKey, key);
    }

    /** (C, τ, k) = KDF3(C, psk); H = HASH(H || τ). */
    void mixPsk(byte[] psk) {
        byte[] tau = new byte[32];
        Blake2s.kdf(chainKey, psk, chainKey, tau, key);
        mixHash(tau);
        Arrays.fill(tau, (byte) 0);
    }

    /** AEAD(k, 0, plaintext, H), then H = HASH(H || ciphertext). */
    byte[] encryptAndHash(byte[] plaintext) {
        byte[] ct = Aead.seal(key, 0, plaintext, hash);
        mixHash(ct);
        return ct;
    }

    /** Opens with k and H, then H = HASH(H || ciphertext); null (H unchanged) on failure. */
    byte[] decryptAndHash(byte[] ciphertext) {
        byte[] pt = Aead.open(key, 0, ciphertext, hash);
        if (pt != null) {
            mixHash(ciphertext);
        }
        return pt;
    }

    void wipe() {
        Arrays.fill(chainKey, (byte) 0);
        Arrays.fill(hash, (byte) 0);
        Arrays.fill(key, (byte) 0);
        Arrays.fill(dh, (byte) 0);
    }
}
