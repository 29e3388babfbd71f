package dev.keyroute.wgcore.noise;

import dev.keyroute.config.Key;
import dev.keyroute.wgcore.Clock;
import dev.keyroute.wgcore.ProtocolConstants;
import dev.keyroute.wgcore.crypto.Blake2s;
import dev.keyroute.wgcore.crypto.XAead;
import dev.keyroute.wgcore.message.CookieReplyMessage;
import dev.keyroute.wgcore.message.MessageType;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Initiator side of the cookie mechanism, one per peer: stamps mac1 (keyed by the peer's public
 * key) on every handshake message we send and mac2 while a cookie from the peer is fresh, and
 * takes cookie replies that answer the last mac1 sent. Thread-safe.
 */
public final class CookieGenerator {
    private final Clock clock;
    private final byte[] mac1Key;
    private final byte[] cookieKey;

    private final byte[] lastMac1 = new byte[Macs.MAC_SIZE];
    private boolean hasLastMac1;
    private final byte[] cookie = new byte[Macs.MAC_SIZE];
    private boolean cookieSet;
    private long cookieSetNanos;
    private final CookieReplyMessage reply = new CookieReplyMessage();

    public CookieGenerator(Key remotePublic, Clock clock) {
        this.clock = clock;
        byte[] raw = remotePublic.bytes();
        this.mac1Key = Blake2s.hash(NoiseConstants.LABEL_MAC1, raw);
        this.cookieKey = Blake2s.hash(NoiseConstants.LABEL_COOKIE, raw);
    }

    /**
     * Fills mac1 and mac2 of the initiation or response in msg [position, limit). mac2 is zero unless
     * a cookie younger than {@link ProtocolConstants#COOKIE_REFRESH_TIME_NANOS} is held.
     */
    public synchronized void addMacs(ByteBuffer msg) {
        int len = msg.remaining();
        if (len < Macs.MIN_LENGTH) {
            throw new IllegalArgumentException("not a handshake message");
        }
        int pos = msg.position();
        byte[] mac1 = Macs.compute(mac1Key, msg, pos, Macs.mac1Offset(len));
        msg.put(pos + Macs.mac1Offset(len), mac1);
        System.arraycopy(mac1, 0, lastMac1, 0, Macs.MAC_SIZE);
        hasLastMac1 = true;

        byte[] mac2;
        if (cookieSet && clock.nanoTime() - cookieSetNanos <= ProtocolConstants.COOKIE_REFRESH_TIME_NANOS) {
            mac2 = Macs.compute(cookie, msg, pos, Macs.mac2Offset(len));
        } else {
            mac2 = new byte[Macs.MAC_SIZE];
        }
        msg.put(pos + Macs.mac2Offset(len), mac2);
    }

    /**
     * Takes the cookie reply in reply [position, limit) (64 bytes). False if no handshake message
     * was sent yet or the cookie does not decrypt against the last mac1 sent.
     */
    public synchronized boolean consumeReply(ByteBuffer msg) {
        if (!hasLastMac1 || msg.remaining() != CookieReplyMessage.LENGTH
                || MessageType.type(msg, msg.position()) != ProtocolConstants.MESSAGE_COOKIE_REPLY) {
            return false;
        }
        reply.wrap(msg, msg.position());
        byte[] nonce = new byte[CookieReplyMessage.NONCE_LENGTH];
        byte[] encrypted = new byte[CookieReplyMessage.ENCRYPTED_COOKIE_LENGTH];
        reply.getNonce(nonce);
        reply.getEncryptedCookie(encrypted);
        byte[] opened = XAead.open(cookieKey, nonce, encrypted, lastMac1);
        if (opened == null) {
            return false;
        }
        System.arraycopy(opened, 0, cookie, 0, Macs.MAC_SIZE);
        Arrays.fill(opened, (byte) 0);
        cookieSet = true;
        cookieSetNanos = clock.nanoTime();
        return true;
    }
}
