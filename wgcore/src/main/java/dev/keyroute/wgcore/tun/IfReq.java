package dev.keyroute.wgcore.tun;

import dev.keyroute.wgcore.sys.Posix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Flyweight over a {@code struct ifreq} (linux/if.h), 40 bytes on 64-bit Linux:
 *
 * <pre>
 *  0                                                              15
 * +----------------------------------------------------------------+
 * | ifr_name: NUL-terminated interface name (IFNAMSIZ = 16)        |
 * +----------------------------------------------------------------+
 * | union: ifr_flags (short) | ifr_mtu / ifr_ifindex (int) | ...   | 16..39
 * +----------------------------------------------------------------+
 * </pre>
 */
final class IfReq {
    static final int SIZE = 40;
    private static final int NAME_OFFSET = 0;
    private static final int UNION_OFFSET = TunAbi.IFNAMSIZ;

    private final ByteBuffer buf = ByteBuffer.allocateDirect(SIZE).order(ByteOrder.nativeOrder());

    IfReq(String name) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        buf.put(NAME_OFFSET, n);
    }

    String name() {
        int len = 0;
        while (len < TunAbi.IFNAMSIZ && buf.get(NAME_OFFSET + len) != 0) {
            len++;
        }
        byte[] n = new byte[len];
        buf.get(NAME_OFFSET, n);
        return new String(n, StandardCharsets.US_ASCII);
    }

    IfReq flags(short flags) {
        buf.putShort(UNION_OFFSET, flags);
        return this;
    }

    IfReq intValue(int v) {
        buf.putInt(UNION_OFFSET, v);
        return this;
    }

    int intValue() {
        return buf.getInt(UNION_OFFSET);
    }

    /** Native address; valid while this object is reachable. */
    long address() {
        return Posix.address(buf);
    }

    ByteBuffer buffer() {
        return buf;
    }
}
