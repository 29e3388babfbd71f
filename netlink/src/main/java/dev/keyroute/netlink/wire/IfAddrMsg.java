package dev.keyroute.netlink.wire;

import java.nio.ByteBuffer;

/**
 * Flyweight over {@code struct ifaddrmsg}, the fixed header of RTM_NEWADDR / RTM_DELADDR /
 * RTM_GETADDR. {@code flags} holds only the low 8 flag bits; IFA_FLAGS carries all 32.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------+---------------+---------------+---------------+
 * |    family     |   prefixlen   |     flags     |     scope     |
 * +---------------+---------------+---------------+---------------+
 * |                         index (ifindex)                       |
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class IfAddrMsg {
    public static final int FAMILY = 0;
    public static final int PREFIXLEN = 1;
    public static final int FLAGS = 2;
    public static final int SCOPE = 3;
    public static final int INDEX = 4;
    public static final int SIZE = 8;

    private ByteBuffer buf;
    private int offset;

    public IfAddrMsg wrap(ByteBuffer buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    private int u8(int at) { return Byte.toUnsignedInt(buf.get(offset + at)); }
    private IfAddrMsg u8(int at, int v) { buf.put(offset + at, (byte) v); return this; }

    public int family() { return u8(FAMILY); }
    public int prefixLen() { return u8(PREFIXLEN); }
    public int flags() { return u8(FLAGS); }
    public int scope() { return u8(SCOPE); }
    public int index() { return buf.getInt(offset + INDEX); }

    public IfAddrMsg family(int v) { return u8(FAMILY, v); }
    public IfAddrMsg prefixLen(int v) { return u8(PREFIXLEN, v); }
    public IfAddrMsg flags(int v) { return u8(FLAGS, v); }
    public IfAddrMsg scope(int v) { return u8(SCOPE, v); }
    public IfAddrMsg index(int v) { buf.putInt(offset + INDEX, v); return this; }
}
