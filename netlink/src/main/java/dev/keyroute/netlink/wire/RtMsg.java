package dev.keyroute.netlink.wire;

import java.nio.ByteBuffer;

/**
 * Flyweight over {@code struct rtmsg}, the fixed header of RTM_NEWROUTE / RTM_DELROUTE /
 * RTM_GETROUTE.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+---------------+---------------+
 * |    family     |    dst_len    |    src_len    |      tos      |
 * +---------------+---------------+---------------+---------------+
 * |    table      |   protocol    |     scope     |     type      |
 * +---------------+---------------+---------------+---------------+
 * |                             flags                             |
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class RtMsg {
    public static final int FAMILY = 0;
    public static final int DST_LEN = 1;
    public static final int SRC_LEN = 2;
    public static final int TOS = 3;
    public static final int TABLE = 4;
    public static final int PROTOCOL = 5;
    public static final int SCOPE = 6;
    public static final int TYPE = 7;
    public static final int FLAGS = 8;
    public static final int SIZE = 12;

    private ByteBuffer buf;
    private int offset;

    public RtMsg wrap(ByteBuffer buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    private int u8(int at) { return Byte.toUnsignedInt(buf.get(offset + at)); }
    private RtMsg u8(int at, int v) { buf.put(offset + at, (byte) v); return this; }

    public int family() { return u8(FAMILY); }
    public int dstLen() { return u8(DST_LEN); }
    public int srcLen() { return u8(SRC_LEN); }
    public int tos() { return u8(TOS); }
    public int table() { return u8(TABLE); }
    public int protocol() { return u8(PROTOCOL); }
    public int scope() { return u8(SCOPE); }
    public int type() { return u8(TYPE); }
    public int flags() { return buf.getInt(offset + FLAGS); }

    public RtMsg family(int v) { return u8(FAMILY, v); }
    public RtMsg dstLen(int v) { return u8(DST_LEN, v); }
    public RtMsg srcLen(int v) { return u8(SRC_LEN, v); }
    public RtMsg tos(int v) { return u8(TOS, v); }
    public RtMsg table(int v) { return u8(TABLE, v); }
    public RtMsg protocol(int v) { return u8(PROTOCOL, v); }
    public RtMsg scope(int v) { return u8(SCOPE, v); }
    public RtMsg type(int v) { return u8(TYPE, v); }
    public RtMsg flags(int v) { buf.putInt(offset + FLAGS, v); return this; }
}
