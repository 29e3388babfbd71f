package dev.keyroute.wgcore.noise;

import dev.keyroute.config.Key;
import dev.keyroute.wgcore.Clock;
import dev.keyroute.wgcore.ProtocolConstants;
import dev.keyroute.wgcore.crypto.Blake2s;
import dev.keyroute.wgcore.crypto.XAead;
import dev.keyroute.wgcore.message.CookieReplyMessage;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Responder side of the cookie mechanism (whitepaper §5.4.7), one per device: verifies mac1 of
 * incoming handshake messages against our public key, verifies mac2 against the cookie for the
 * sender's address, and when under load answers with a cookie reply. The cookie secret is random
 * and replaced every {@link ProtocolConstants#COOKIE_REFRESH_TIME_NANOS}. Thread-safe.
 */
public final class CookieChecker {
    private record Keys(byte[] mac1Key, byte[] cookieKey) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private volatile Keys keys;
    private final byte[] secret = new byte[32];
    private boolean secretSet;
    private long secretSetNanos;
    private final CookieReplyMessage reply = new CookieReplyMessage();

    public CookieChecker(Clock clock) {
        this.clock = clock;
    }

    /** mac1 key = HASH("mac1----" || S_pub), cookie key = HASH("cookie--" || S_pub). */
    public void setLocalPublic(Key pub) {
        byte[] raw = pub.bytes();
        keys = new Keys(Blake2s.hash(NoiseConstants.LABEL_MAC1, raw), Blake2s.hash(NoiseConstants.LABEL_COOKIE, raw));
    }

    /** Whether msg [position, limit), a whole initiation or response, carries a valid mac1. */
    public boolean checkMac1(ByteBuffer msg) {
        Keys k = keys;
        int len = msg.remaining();
        if (k == null || len < Macs.MIN_LENGTH) {
            return false;
        }
        int pos = msg.position();
        byte[] expected = Macs.compute(k.mac1Key, msg, pos, Macs.mac1Offset(len));
        return Macs.matches(expected, msg, pos + Macs.mac1Offset(len));
    }

    /**
     * Whether msg carries a valid mac2 for {@code source} (IP address bytes || port big-endian) under
     * the current cookie secret; false once the secret is older than two minutes.
     */
    public boolean checkMac2(ByteBuffer msg, byte[] source) {
        int len = msg.remaining();
        if (len < Macs.MIN_LENGTH) {
            return false;
        }
        byte[] cookie;
        synchronized (this) {
            if (!secretSet || clock.nanoTime() - secretSetNanos > ProtocolConstants.COOKIE_REFRESH_TIME_NANOS) {
                return false;
            }
            cookie = Blake2s.mac(secret, source);
        }
        int pos = msg.position();
        byte[] expected = Macs.compute(cookie, msg, pos, Macs.mac2Offset(len));
        Arrays.fill(cookie, (byte) 0);
        return Macs.matches(expected, msg, pos + Macs.mac2Offset(len));
    }

    /**
     * Writes the 64-byte cookie reply to the initiation or response in msg [position, limit) at
     * {@code out.position()} and advances out. The receiver is msg's sender index; the cookie
     * MAC(secret, source) is sealed with XChaCha20-Poly1305 under the cookie key, a random nonce
     * and msg's mac1 as associated data.
     */
    public void createReply(ByteBuffer msg, byte[] source, ByteBuffer out) {
        Keys k = keys;
        int len = msg.remaining();
        if (k == null) {
            throw new IllegalStateException("local public key not set");
        }
        if (len < Macs.MIN_LENGTH) {
            throw new IllegalArgumentException("not a handshake message");
        }
        if (out.remaining() < CookieReplyMessage.LENGTH) {
            throw new BufferOverflowException();
        }
        byte[] cookie;
        synchronized (this) {
            long now = clock.nanoTime();
            if (!secretSet || now - secretSetNanos > ProtocolConstants.COOKIE_REFRESH_TIME_NANOS) {
                RANDOM.nextBytes(secret);
                secretSet = true;
                secretSetNanos = now;
            }
            cookie = Blake2s.mac(secret, source);
        }
        int pos = msg.position();
        byte[] mac1 = new byte[Macs.MAC_SIZE];
        msg.get(pos + Macs.mac1Offset(len), mac1);
        int sender = msg.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(pos + 4);
        byte[] nonce = new byte[XAead.NONCE_SIZE];
        RANDOM.nextBytes(nonce);
        byte[] encrypted = XAead.seal(k.cookieKey, nonce, cookie, mac1);
        Arrays.fill(cookie, (byte) 0);

        int at = out.position();
        synchronized (reply) {
            reply.wrap(out, at).writeHeader().receiver(sender).putNonce(nonce).putEncryptedCookie(encrypted);
        }
        out.position(at + CookieReplyMessage.LENGTH);
    }
}
