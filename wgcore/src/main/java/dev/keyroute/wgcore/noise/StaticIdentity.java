package dev.keyroute.wgcore.noise;

import dev.keyroute.config.Key;
import dev.keyroute.wgcore.crypto.X25519;
import java.util.Arrays;

/** The device's long-term Curve25519 key pair. Immutable. */
public final class StaticIdentity {
    private final Key privateKey;
    private final Key publicKey;

    public StaticIdentity(Key privateKey) {
        this.privateKey = privateKey;
        this.publicKey = derivePublic(privateKey);
    }

    public Key privateKey() {
        return privateKey;
    }

    public Key publicKey() {
        return publicKey;
    }

    public static Key derivePublic(Key priv) {
        byte[] raw = priv.bytes();
        try {
            return Key.of(X25519.publicKey(raw));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    public static Key generatePrivate() {
        byte[] raw = X25519.generatePrivate();
        try {
            return Key.of(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "StaticIdentity(public=" + publicKey.toBase64() + ")";
    }
}
