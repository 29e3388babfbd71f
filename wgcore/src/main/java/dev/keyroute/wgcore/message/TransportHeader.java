package dev.keyroute.wgcore.message;

import dev.keyroute.wgcore.ProtocolConstants;
import java.nio.ByteBuffer;

/**
 * Flyweight over the 16-byte header of a transport data message (type 4); the encrypted packet
 * and its 16-byte tag follow. Integers little-endian.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  type = 4     |                 reserved                      |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        receiver index                         |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     counter (64 bits)                         |  8
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            encrypted packet + 16-byte tag ...                 | 16
 * </pre>
 */
public final class TransportHeader {
    public static final int RECEIVER_OFFSET = 4;
    public static final int COUNTER_OFFSET = 8;
    public static final int LENGTH = ProtocolConstants.TRANSPORT_HEADER_SIZE;

    private ByteBuffer buf;
    private int offset;

    public TransportHeader wrap(ByteBuffer buf, int offset) {
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

    public TransportHeader writeHeader() {
        Bytes.putHeader(buf, offset, ProtocolConstants.MESSAGE_TRANSPORT);
        return this;
    }

    public int receiver() {
        return Bytes.getIntLE(buf, offset + RECEIVER_OFFSET);
    }

    public TransportHeader receiver(int index) {
        Bytes.putIntLE(buf, offset + RECEIVER_OFFSET, index);
        return this;
    }

    public long counter() {
        return Bytes.getLongLE(buf, offset + COUNTER_OFFSET);
    }

    public TransportHeader counter(long counter) {
        Bytes.putLongLE(buf, offset + COUNTER_OFFSET, counter);
        return this;
    }
}
