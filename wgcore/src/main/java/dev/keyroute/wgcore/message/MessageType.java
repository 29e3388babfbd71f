package dev.keyroute.wgcore.message;

import java.nio.ByteBuffer;

/**
 * The common first word of every WireGuard message.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     type      |              reserved (zero)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class MessageType {
    public static final int TYPE_OFFSET = 0;
    public static final int RESERVED_OFFSET = 1;
    public static final int HEADER_SIZE = 4;

    private MessageType() {
    }

    /**
     * The message type (1-4 for valid messages, other values are returned as read) at
     * {@code offset}, or -1 when the reserved bytes are non-zero or fewer than 4 bytes remain
     * before the limit.
     */
    public static int type(ByteBuffer buf, int offset) {
        if (offset < 0 || buf.limit() - offset < HEADER_SIZE) {
            return -1;
        }
        if ((buf.get(offset + 1) | buf.get(offset + 2) | buf.get(offset + 3)) != 0) {
            return -1;
        }
        return buf.get(offset) & 0xff;
    }
}
