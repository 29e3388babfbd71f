package dev.keyroute.netlink.wire;

import java.nio.ByteBuffer;

/**
 * Flyweight over {@code struct ifinfomsg}, the fixed header of RTM_NEWLINK / RTM_DELLINK /
 * RTM_GETLINK / RTM_SETLINK.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+-------------------------------+
 * |    family     |     (pad)     |     type (ARPHRD_*)           |
 * +---------------+---------------+-------------------------------+
 * |                         index (ifindex)                       |
 * +---------------------------------------------------------------+
 * |                         flags (IFF_*)                         |
 * +---------------------------------------------------------------+
 * |                    change (mask of flags to set)              |
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class IfInfoMsg {
    public static final int FAMILY = 0;
    public static final int TYPE = 2;
    public static final int INDEX = 4;
    public static final int FLAGS = 8;
    public static final int CHANGE = 12;
    public static final int SIZE = 16;

    private ByteBuffer buf;
    private int offset;

    public IfInfoMsg wrap(ByteBuffer buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    public int family() { return Byte.toUnsignedInt(buf.get(offset + FAMILY)); }
    public int type() { return Short.toUnsignedInt(buf.getShort(offset + TYPE)); }
    public int index() { return buf.getInt(offset + INDEX); }
    public int flags() { return buf.getInt(offset + FLAGS); }
    public int change() { return buf.getInt(offset + CHANGE); }

    public IfInfoMsg family(int v) { buf.put(offset + FAMILY, (byte) v); return this; }
    public IfInfoMsg index(int v) { buf.putInt(offset + INDEX, v); return this; }
    public IfInfoMsg flags(int v) { buf.putInt(offset + FLAGS, v); return this; }
    public IfInfoMsg change(int v) { buf.putInt(offset + CHANGE, v); return this; }
}
