package dev.keyroute.wgcore.noise;

import dev.keyroute.wgcore.crypto.Blake2s;
import java.nio.charset.StandardCharsets;

/** Protocol strings and the derived initial chaining key and hash (whitepaper §5.4). */
final class NoiseConstants {
    static final byte[] CONSTRUCTION = ascii("Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s");
    static final byte[] IDENTIFIER = ascii("WireGuard v1 zx2c4 Jason@zx2c4.com");
    static final byte[] LABEL_MAC1 = ascii("mac1----");
    static final byte[] LABEL_COOKIE = ascii("cookie--");
    static final byte[] EMPTY = new byte[0];

    /** C_i = HASH(CONSTRUCTION). */
    static final byte[] INITIAL_CHAIN_KEY = Blake2s.hash(CONSTRUCTION);
    /** H_i = HASH(C_i || IDENTIFIER). */
    static final byte[] INITIAL_HASH = Blake2s.hash(INITIAL_CHAIN_KEY, IDENTIFIER);

    private NoiseConstants() {
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
