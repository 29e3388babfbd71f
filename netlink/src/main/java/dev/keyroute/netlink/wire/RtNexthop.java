package dev.keyroute.netlink.wire;

import java.nio.ByteBuffer;

/**
 * Flyweight over {@code struct rtnexthop}, one element of RTA_MULTIPATH. Its own attributes
 * (RTA_GATEWAY, RTA_VIA, ...) follow the 8-byte header inside {@code rtnh_len}. The kernel's
 * weight is {@code rtnh_hops + 1}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-------------------------------+---------------+---------------+
 * |           rtnh_len            |  rtnh_flags   |   rtnh_hops   |
 * +-------------------------------+---------------+---------------+
 * |                         rtnh_ifindex                          |
 * +---------------------------------------------------------------+
 * |                    attributes (rtnh_len - 8)                  |
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class RtNexthop {
    public static final int LEN = 0;
    public static final int FLAGS = 2;
    public static final int HOPS = 3;
    public static final int IFINDEX = 4;
    public static final int SIZE = 8;

    private ByteBuffer buf;
    private int offset;

    public RtNexthop wrap(ByteBuffer buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    public int length() { return Short.toUnsignedInt(buf.getShort(offset + LEN)); }
    public int flags() { return Byte.toUnsignedInt(buf.get(offset + FLAGS)); }
    public int hops() { return Byte.toUnsignedInt(buf.get(offset + HOPS)); }
    public int ifindex() { return buf.getInt(offset + IFINDEX); }

    public RtNexthop length(int v) { buf.putShort(offset + LEN, (short) v); return this; }
    public RtNexthop flags(int v) { buf.put(offset + FLAGS, (byte) v); return this; }
    public RtNexthop hops(int v) { buf.put(offset + HOPS, (byte) v); return this; }
    public RtNexthop ifindex(int v) { buf.putInt(offset + IFINDEX, v); return this; }
}
