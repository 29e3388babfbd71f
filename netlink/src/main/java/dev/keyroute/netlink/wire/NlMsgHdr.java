package dev.keyroute.netlink.wire;

import java.nio.ByteBuffer;

/**
 * Flyweight over {@code struct nlmsghdr} (host byte order).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     nlmsg_len (incl. header)                  |
 * +-------------------------------+-------------------------------+
 * |          nlmsg_type           |          nlmsg_flags          |
 * +-------------------------------+-------------------------------+
 * |                           nlmsg_seq                           |
 * +---------------------------------------------------------------+
 * |                     nlmsg_pid (port id)                       |
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class NlMsgHdr {
    public static final int LEN = 0;
    public static final int TYPE = 4;
    public static final int FLAGS = 6;
    public static final int SEQ = 8;
    public static final int PID = 12;
    public static final int SIZE = 16;

    private ByteBuffer buf;
    private int offset;

    public NlMsgHdr wrap(ByteBuffer buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    public int offset() { return offset; }
    public int length() { return buf.getInt(offset + LEN); }
    public int type() { return Short.toUnsignedInt(buf.getShort(offset + TYPE)); }
    public int flags() { return Short.toUnsignedInt(buf.getShort(offset + FLAGS)); }
    public int seq() { return buf.getInt(offset + SEQ); }
    public int pid() { return buf.getInt(offset + PID); }

    public NlMsgHdr length(int v) { buf.putInt(offset + LEN, v); return this; }
    public NlMsgHdr type(int v) { buf.putShort(offset + TYPE, (short) v); return this; }
    public NlMsgHdr flags(int v) { buf.putShort(offset + FLAGS, (short) v); return this; }
    public NlMsgHdr seq(int v) { buf.putInt(offset + SEQ, v); return this; }
    public NlMsgHdr pid(int v) { buf.putInt(offset + PID, v); return this; }
}
