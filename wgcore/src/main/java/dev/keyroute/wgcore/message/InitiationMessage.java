package dev.keyroute.wgcore.message;

import dev.keyroute.wgcore.ProtocolConstants;
import java.nio.ByteBuffer;

/**
 * Flyweight over a handshake initiation (type 1, 148 bytes). Multi-byte integers little-endian.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  type = 1     |                 reserved                      |   0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         sender index                          |   4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |              unencrypted ephemeral (32 bytes)                 |   8
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        encrypted static (32 bytes + 16-byte tag)              |  40
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     encrypted TAI64N timestamp (12 bytes + 16-byte tag)       |  88
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        mac1 (16 bytes)                        | 116
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        mac2 (16 bytes)                        | 132
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class InitiationMessage {
    public static final int SENDER_OFFSET = 4;
    public static final int EPHEMERAL_OFFSET = 8;
    public static final int EPHEMERAL_LENGTH = 32;
    public static final int ENCRYPTED_STATIC_OFFSET = 40;
    public static final int ENCRYPTED_STATIC_LENGTH = 48;
    public static final int ENCRYPTED_TIMESTAMP_OFFSET = 88;
    public static final int ENCRYPTED_TIMESTAMP_LENGTH = 28;
    public static final int MAC1_OFFSET = 116;
    public static final int MAC2_OFFSET = 132;
    public static final int MAC_LENGTH = 16;
    public static final int LENGTH = ProtocolConstants.INITIATION_SIZE;

    private ByteBuffer buf;
    private int offset;

    public InitiationMessage wrap(ByteBuffer buf, int offset) {
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

    /** Type 1 and zero reserved bytes. */
    public InitiationMessage writeHeader() {
        Bytes.putHeader(buf, offset, ProtocolConstants.MESSAGE_INITIATION);
        return this;
    }

    public int sender() {
        return Bytes.getIntLE(buf, offset + SENDER_OFFSET);
    }

    public InitiationMessage sender(int index) {
        Bytes.putIntLE(buf, offset + SENDER_OFFSET, index);
        return this;
    }

    public void getEphemeral(byte[] dst) {
        Bytes.get(buf, offset + EPHEMERAL_OFFSET, dst, EPHEMERAL_LENGTH);
    }

    public InitiationMessage putEphemeral(byte[] src) {
        Bytes.put(buf, offset + EPHEMERAL_OFFSET, src, EPHEMERAL_LENGTH);
        return this;
    }

    public void getEncryptedStatic(byte[] dst) {
        Bytes.get(buf, offset + ENCRYPTED_STATIC_OFFSET, dst, ENCRYPTED_STATIC_LENGTH);
    }

    public InitiationMessage putEncryptedStatic(byte[] src) {
        Bytes.put(buf, offset + ENCRYPTED_STATIC_OFFSET, src, ENCRYPTED_STATIC_LENGTH);
        return this;
    }

    public void getEncryptedTimestamp(byte[] dst) {
        Bytes.get(buf, offset + ENCRYPTED_TIMESTAMP_OFFSET, dst, ENCRYPTED_TIMESTAMP_LENGTH);
    }

    public InitiationMessage putEncryptedTimestamp(byte[] src) {
        Bytes.put(buf, offset + ENCRYPTED_TIMESTAMP_OFFSET, src, ENCRYPTED_TIMESTAMP_LENGTH);
        return this;
    }

    public void getMac1(byte[] dst) {
        Bytes.get(buf, offset + MAC1_OFFSET, dst, MAC_LENGTH);
    }

    public InitiationMessage putMac1(byte[] src) {
        Bytes.put(buf, offset + MAC1_OFFSET, src, MAC_LENGTH);
        return this;
    }

    public void getMac2(byte[] dst) {
        Bytes.get(buf, offset + MAC2_OFFSET, dst, MAC_LENGTH);
    }

    public InitiationMessage putMac2(byte[] src) {
        Bytes.put(buf, offset + MAC2_OFFSET, src, MAC_LENGTH);
        return this;
    }
}
