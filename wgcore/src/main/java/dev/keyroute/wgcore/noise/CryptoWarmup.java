package dev.keyroute.wgcore.noise;

import dev.keyroute.config.Key;
import dev.keyroute.wgcore.crypto.TransportCrypto;
import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * Runs throw-away handshakes and transport seals between two fresh identities so the JIT has
 * compiled X25519, BLAKE2s and the AEAD before the first real peer knocks: a cold JVM otherwise
 * answers its first handshake seconds late. Touches no device state.
 */
public final class CryptoWarmup {
    private CryptoWarmup() {
    }

    /** Performs {@code rounds} complete in-memory handshakes and a few thousand seals/opens. */
    public static void run(int rounds) {
        StaticIdentity a = new StaticIdentity(StaticIdentity.generatePrivate());
        StaticIdentity b = new StaticIdentity(StaticIdentity.generatePrivate());
        HandshakeProcessor bProcessor = new HandshakeProcessor(b);
        ByteBuffer init = ByteBuffer.allocate(148);
        ByteBuffer resp = ByteBuffer.allocate(92);
        long now = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            Handshake aSide = new Handshake(a, b.publicKey());
            Handshake bSide = new Handshake(b, a.publicKey());
            Function<Key, Handshake> lookup = k -> bSide;
            init.clear();
            aSide.createInitiation(1, System.currentTimeMillis() * 1_000_000L + i * 1_000_000_000L, init);
            init.flip();
            Handshake hs = bProcessor.consumeInitiation(init, lookup, now + i * 1_000_000_000L);
            if (hs == null) {
                continue;
            }
            resp.clear();
            hs.createResponse(2, resp);
            resp.flip();
            aSide.consumeResponse(resp);
            Keypair ka = aSide.beginSession(now);
            Keypair kb = hs.beginSession(now);
            if (ka != null && kb != null) {
                seal(ka, kb);
            }
        }
    }

    private static void seal(Keypair sender, Keypair receiver) {
        TransportCrypto crypto = new TransportCrypto();
        ByteBuffer plain = ByteBuffer.allocateDirect(1440);
        ByteBuffer out = ByteBuffer.allocateDirect(1500);
        for (long c = 0; c < 300; c++) {
            plain.clear().limit(1420);
            out.clear();
            crypto.seal(sender.sendKey, c, plain, out);
            out.flip();
            plain.clear();
            crypto.open(receiver.recvKey, c, out, plain);
        }
    }
}
