package dev.keyroute.wgcore.message;

import dev.keyroute.wgcore.ProtocolConstants;
import java.nio.ByteBuffer;

/**
 * Flyweight over a cookie reply (type 3, 64 bytes). Receiver index little-endian.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  type = 3     |                 reserved                      |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        receiver index                         |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 XChaCha20 nonce (24 bytes)                    |  8
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        encrypted cookie (16 bytes + 16-byte tag)              | 32
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class CookieReplyMessage {
    public static final int RECEIVER_OFFSET = 4;
    public static final int NONCE_OFFSET = 8;
    public static final int NONCE_LENGTH = 24;
    public static final int ENCRYPTED_COOKIE_OFFSET = 32;
    public static final int ENCRYPTED_COOKIE_LENGTH = 32;
    public static final int LENGTH = ProtocolConstants.COOKIE_REPLY_SIZE;

    private ByteBuffer buf;
    private int offset;

    public CookieReplyMessage wrap(ByteBuffer buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    public ByteBuffer buffer() {
        return buf;
    }

    public int offset() {
        return offset;
    }

    public CookieReplyMessage writeHeader() {
        Bytes.putHeader(buf, offset, ProtocolConstants.MESSAGE_COOKIE_REPLY);
        return this;
    }

    public int receiver() {
        return Bytes.getIntLE(buf, offset + RECEIVER_OFFSET);
    }

    public CookieReplyMessage receiver(int index) {
        Bytes.putIntLE(buf, offset + RECEIVER_OFFSET, index);
        return this;
    }

    public void getNonce(byte[] dst) {
        Bytes.get(buf, offset + NONCE_OFFSET, dst, NONCE_LENGTH);
    }

    public CookieReplyMessage putNonce(byte[] src) {
        Bytes.put(buf, offset + NONCE_OFFSET, src, NONCE_LENGTH);
        return this;
    }

    public void getEncryptedCookie(byte[] dst) {
        Bytes.get(buf, offset + ENCRYPTED_COOKIE_OFFSET, dst, ENCRYPTED_COOKIE_LENGTH);
    }

    public CookieReplyMessage putEncryptedCookie(byte[] src) {
        Bytes.put(buf, offset + ENCRYPTED_COOKIE_OFFSET, src, ENCRYPTED_COOKIE_LENGTH);
        return this;
    }
}
