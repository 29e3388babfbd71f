package dev.keyroute.netlink.wire;

import java.nio.ByteBuffer;

/**
 * Flyweight over {@code struct rtattr} / {@code struct nlattr}: a TLV whose length includes the
 * 4-byte header but not the padding to the next 4-byte boundary.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-------------------------------+-+-+---------------------------+
 * |        rta_len                |N|O|  rta_type                 |
 * +-------------------------------+-+-+---------------------------+
 * |                 payload (rta_len - 4 bytes) + pad             |
 * +---------------------------------------------------------------+
 * N = NLA_F_NESTED, O = NLA_F_NET_BYTEORDER (both masked off the type)
 * </pre>
 */
public final class RtAttr {
    public static final int LEN = 0;
    public static final int TYPE = 2;
    public static final int SIZE = 4;
    public static final int NLA_F_NESTED = 0x8000;
    public static final int NLA_F_NET_BYTEORDER = 0x4000;
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

    private ByteBuffer buf;
    private int offset;

    public RtAttr wrap(ByteBuffer buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    public int offset() { return offset; }
    public int length() { return Short.toUnsignedInt(buf.getShort(offset + LEN)); }
    /** Attribute type without the NESTED / NET_BYTEORDER bits. */
    public int type() { return Short.toUnsignedInt(buf.getShort(offset + TYPE)) & NLA_TYPE_MASK; }
    public int payloadOffset() { return offset + SIZE; }
    public int payloadLength() { return length() - SIZE; }

    public RtAttr length(int v) { buf.putShort(offset + LEN, (short) v); return this; }
    public RtAttr type(int v) { buf.putShort(offset + TYPE, (short) v); return this; }
}
