package dev.keyroute.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RedactionTest {
    static void assertNoSecrets(String text, WgConfig c) {
        c.iface().privateKey().ifPresent(k -> {
            assertFalse(text.contains(k.toBase64()), text);
            assertFalse(text.contains(k.toHex()), text);
        });
        for (PeerConfig p : c.peers()) {
            p.presharedKey().ifPresent(k -> {
                assertFalse(text.contains(k.toBase64()), text);
                assertFalse(text.contains(k.toHex()), text);
            });
        }
    }

    @Test
    void shouldNeverPrintPrivateOrPresharedKeysInToString() {
        RandomConfigs gen = new RandomConfigs(new Random(42));
        for (int i = 0; i < 300; i++) {
            WgConfig c = gen.config();
            assertNoSecrets(c.toString(), c);
            assertNoSecrets(c.iface().toString(), c);
            for (PeerConfig p : c.peers()) {
                assertNoSecrets(p.toString(), c);
            }
        }
    }

    @Test
    void shouldSayThatKeysAreSetWithoutShowingThem() {
        Key priv = TestKeys.key(1);
        Key psk = TestKeys.key(4);
        Key pub = TestKeys.key(2);
        WgConfig c = WgConfig.builder()
                .setInterface(InterfaceConfig.builder().setPrivateKey(priv).build())
                .addPeer(PeerConfig.builder(pub).setPresharedKey(psk).build())
                .build();
        String s = c.toString();
        assertTrue(s.contains("privateKey=(redacted)"), s);
        assertTrue(s.contains("presharedKey=(redacted)"), s);
        assertTrue(s.contains(pub.toBase64()), "public keys are not secret and help in logs: " + s);
        assertFalse(s.contains(priv.toBase64()), s);
        assertFalse(s.contains(psk.toBase64()), s);
    }
}
