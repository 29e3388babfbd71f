package dev.keyroute.config;

import java.util.Random;

/** Deterministic keys for tests. */
final class TestKeys {
    private TestKeys() {
    }

    static Key key(int seed) {
        byte[] b = new byte[Key.LENGTH];
        new Random(seed).nextBytes(b);
        return Key.of(b);
    }

    static String b64(int seed) {
        return key(seed).toBase64();
    }
}
