package dev.keyroute.wgcore.crypto;

import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A raw 32-byte ChaCha20 key the JDK's "ChaCha20-Poly1305" cipher accepts, which, unlike
 * {@link javax.crypto.spec.SecretKeySpec}, can be wiped with {@link #destroy()}.
 */
final class ChaChaKey implements SecretKey {
    private static final long serialVersionUID = 1L;
    private final byte[] raw;
    private volatile boolean destroyed;

    ChaChaKey(byte[] raw32) {
        if (raw32.length != 32) {
            throw new IllegalArgumentException("ChaCha20 key must be 32 bytes");
        }
        this.raw = raw32.clone();
    }

    @Override
    public String getAlgorithm() {
        return "ChaCha20";
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    @Override
    public byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("key destroyed");
        }
        return raw.clone();
    }

    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(raw, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "ChaChaKey(redacted)";
    }
}
