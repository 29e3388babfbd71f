package dev.keyroute.wgcore.message;

import dev.keyroute.wgcore.ProtocolConstants;
import java.nio.ByteBuffer;

/**
 * Flyweight over a handshake response (type 2, 92 bytes). Multi-byte integers little-endian.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  type = 2     |                 reserved                      |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         sender index                          |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        receiver index                         |  8
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |              unencrypted ephemeral (32 bytes)                 | 12
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          encrypted nothing (0 bytes + 16-byte tag)            | 44
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        mac1 (16 bytes)                        | 60
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        mac2 (16 bytes)                        | 76
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class ResponseMessage {
    public static final int SENDER_OFFSET = 4;
    public static final int RECEIVER_OFFSET = 8;
    public static final int EPHEMERAL_OFFSET = 12;
    public static final int EPHEMERAL_LENGTH = 32;
    public static final int ENCRYPTED_NOTHING_OFFSET = 44;
    public static final int ENCRYPTED_NOTHING_LENGTH = 16;
    public static final int MAC1_OFFSET = 60;
    public static final int MAC2_OFFSET = 76;
    public static final int MAC_LENGTH = 16;
    public static final int LENGTH = ProtocolConstants.RESPONSE_SIZE;

    private ByteBuffer buf;
    private int offset;

    public ResponseMessage wrap(ByteBuffer buf, int offset) {
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

    public ResponseMessage writeHeader() {
        Bytes.putHeader(buf, offset, ProtocolConstants.MESSAGE_RESPONSE);
        return this;
    }

    public int sender() {
        return Bytes.getIntLE(buf, offset + SENDER_OFFSET);
    }

    public ResponseMessage sender(int index) {
        Bytes.putIntLE(buf, offset + SENDER_OFFSET, index);
        return this;
    }

    public int receiver() {
        return Bytes.getIntLE(buf, offset + RECEIVER_OFFSET);
    }

    public ResponseMessage receiver(int index) {
        Bytes.putIntLE(buf, offset + RECEIVER_OFFSET, index);
        return this;
    }

    public void getEphemeral(byte[] dst) {
        Bytes.get(buf, offset + EPHEMERAL_OFFSET, dst, EPHEMERAL_LENGTH);
    }

    public ResponseMessage putEphemeral(byte[] src) {
        Bytes.put(buf, offset + EPHEMERAL_OFFSET, src, EPHEMERAL_LENGTH);
        return this;
    }

    public void getEncryptedNothing(byte[] dst) {
        Bytes.get(buf, offset + ENCRYPTED_NOTHING_OFFSET, dst, ENCRYPTED_NOTHING_LENGTH);
    }

    public ResponseMessage putEncryptedNothing(byte[] src) {
        Bytes.put(buf, offset + ENCRYPTED_NOTHING_OFFSET, src, ENCRYPTED_NOTHING_LENGTH);
        return this;
    }

    public void getMac1(byte[] dst) {
        Bytes.get(buf, offset + MAC1_OFFSET, dst, MAC_LENGTH);
    }

    public ResponseMessage putMac1(byte[] src) {
        Bytes.put(buf, offset + MAC1_OFFSET, src, MAC_LENGTH);
        return this;
    }

    public void getMac2(byte[] dst) {
        Bytes.get(buf, offset + MAC2_OFFSET, dst, MAC_LENGTH);
    }

    public ResponseMessage putMac2(byte[] src) {
        Bytes.put(buf, offset + MAC2_OFFSET, src, MAC_LENGTH);
        return this;
    }
}
