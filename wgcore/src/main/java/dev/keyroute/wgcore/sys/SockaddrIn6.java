package dev.keyroute.wgcore.sys;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Flyweight over a {@code struct sockaddr_in6} (netinet/in.h) in a direct buffer. IPv4
 * destinations are written as v4-mapped addresses ({@code ::ffff:a.b.c.d}) for a dual-stack socket.
 *
 * <pre>
 *  0               1               2               3
 *  0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
 * +-------------------------------+-------------------------------+
 * |  sin6_family (host order)     |  sin6_port (network order)    |  0
 * +-------------------------------+-------------------------------+
 * |                 sin6_flowinfo (network order)                 |  4
 * +---------------------------------------------------------------+
 * |                                                               |  8
 * |                   sin6_addr (16 bytes)                        |
 * |                                                               |
 * +---------------------------------------------------------------+
 * |                  sin6_scope_id (host order)                   | 24
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class SockaddrIn6 {
    public static final int SIZE = 28;
    private static final int FAMILY_OFFSET = 0;
    private static final int PORT_OFFSET = 2;
    private static final int FLOWINFO_OFFSET = 4;
    private static final int ADDR_OFFSET = 8;
    private static final int SCOPE_ID_OFFSET = 24;

    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    /** Bytes 00 00 ff ff of a v4-mapped address, as a native-order int. */
    private static final int NATIVE_V4_MAPPED_MARKER = LITTLE ? 0xffff0000 : 0x0000ffff;

    private final ByteBuffer buf;
    private final int offset;

    /** Wraps {@code SIZE} bytes of {@code buf} at {@code offset}. */
    public SockaddrIn6(ByteBuffer buf, int offset) {
        if (offset < 0 || offset + SIZE > buf.capacity()) {
            throw new IndexOutOfBoundsException("sockaddr_in6 at " + offset);
        }
        this.buf = buf.duplicate().order(ByteOrder.nativeOrder());
        this.offset = offset;
    }

    /** Writes {@code to} (IPv4 as v4-mapped). Allocates only what {@code getAddress()} copies. */
    public void set(InetSocketAddress to) {
        InetAddress a = to.getAddress();
        if (a == null) {
            throw new IllegalArgumentException("unresolved address " + to);
        }
        byte[] raw = a.getAddress();
        buf.putShort(offset + FAMILY_OFFSET, (short) LinuxAbi.AF_INET6);
        buf.putShort(offset + PORT_OFFSET, toNetwork((short) to.getPort()));
        buf.putInt(offset + FLOWINFO_OFFSET, 0);
        int scopeId = 0;
        if (raw.length == 4) {
            buf.putLong(offset + ADDR_OFFSET, 0L);
            buf.putInt(offset + ADDR_OFFSET + 8, NATIVE_V4_MAPPED_MARKER);
            buf.put(offset + ADDR_OFFSET + 12, raw);
        } else {
            buf.put(offset + ADDR_OFFSET, raw);
            scopeId = ((Inet6Address) a).getScopeId();
        }
        buf.putInt(offset + SCOPE_ID_OFFSET, scopeId);
    }

    public int port() {
        return Short.toUnsignedInt(toNetwork(buf.getShort(offset + PORT_OFFSET)));
    }

    public int family() {
        return buf.getShort(offset + FAMILY_OFFSET);
    }

    /** Reads the address back, v4-mapped addresses as {@link Inet4Address}. */
    public InetSocketAddress get() {
        byte[] raw = new byte[16];
        buf.get(offset + ADDR_OFFSET, raw);
        try {
            InetAddress a = isV4Mapped(raw)
                    ? InetAddress.getByAddress(Arrays.copyOfRange(raw, 12, 16))
                    : Inet6Address.getByAddress(null, raw,
                            buf.getInt(offset + SCOPE_ID_OFFSET));
            return new InetSocketAddress(a, port());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static short toNetwork(short v) {
        return LITTLE ? Short.reverseBytes(v) : v;
    }

    /** True for {@code ::ffff:0:0/96}. */
    public static boolean isV4Mapped(byte[] raw16) {
        if (raw16.length != 16) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (raw16[i] != 0) {
                return false;
            }
        }
        return raw16[10] == (byte) 0xff && raw16[11] == (byte) 0xff;
    }
}
