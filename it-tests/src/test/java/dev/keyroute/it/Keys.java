package dev.keyroute.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Keys made by the stock {@code wg} tool, so the tests do not trust our own Curve25519 code. */
public final class Keys {
    private Keys() {
    }

    public static KeyPair generate() {
        String priv = Cmd.run("wg", "genkey").strip();
        return new KeyPair(priv, publicKeyOf(priv));
    }

    /** {@code wg pubkey}; the private key travels in the environment, never on a command line. */
    public static String publicKeyOf(String privateKey) {
        return Cmd.run(Duration.ofSeconds(10), Map.of("KR_KEY", privateKey),
                List.of("sh", "-c", "printf '%s\\n' \"$KR_KEY\" | wg pubkey")).strip();
    }
}
