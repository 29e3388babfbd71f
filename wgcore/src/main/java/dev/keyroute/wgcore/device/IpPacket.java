package dev.keyroute.wgcore.device;

import java.nio.ByteBuffer;

/**
 * Reads the few IP header fields the engine needs, at absolute offsets of a buffer (no allocation),
 * independent of the buffer's byte order.
 *
 * <pre>
 * IPv4:  0      4      8             16              32
 *        +------+------+-------------+---------------+
 *        | ver  | IHL  |    TOS      | total length  |   offset 2: total length (BE)
 *        ...                                              offset 12: source, 16: destination
 * IPv6:  offset 4: payload length (BE, header excluded), 8: source (16), 24: destination (16)
 * </pre>
 */
final class IpPacket {
    static final int IPV4_HEADER_MIN = 20;
    static final int IPV6_HEADER = 40;
    static final int IPV4_TOTAL_LENGTH = 2;
    static final int IPV4_PROTOCOL = 9;
    static final int IPV4_SRC = 12;
    static final int IPV4_DST = 16;
    static final int IPV6_PAYLOAD_LENGTH = 4;
    static final int IPV6_NEXT_HEADER = 6;
    static final int IPV6_SRC = 8;
    static final int IPV6_DST = 24;

    private IpPacket() {
    }

    /** 4, 6, or 0 when the packet is too short or of another version. */
    static int version(ByteBuffer b, int off, int len) {
        if (len < 1) {
            return 0;
        }
        int v = (b.get(off) & 0xff) >>> 4;
        if (v == 4 && len >= IPV4_HEADER_MIN) {
            return 4;
        }
        if (v == 6 && len >= IPV6_HEADER) {
            return 6;
        }
        return 0;
    }

    /** Length the header claims for the whole packet, or -1 if it exceeds {@code len}. */
    static int declaredLength(ByteBuffer b, int off, int len, int version) {
        int l = version == 4
                ? u16(b, off + IPV4_TOTAL_LENGTH)
                : u16(b, off + IPV6_PAYLOAD_LENGTH) + IPV6_HEADER;
        return l <= len && l >= (version == 4 ? IPV4_HEADER_MIN : IPV6_HEADER) ? l : -1;
    }

    /** Big-endian u16 whatever the buffer's byte order. */
    private static int u16(ByteBuffer b, int i) {
        return ((b.get(i) & 0xff) << 8) | (b.get(i + 1) & 0xff);
    }

    static int srcOffset(int off, int version) {
        return off + (version == 4 ? IPV4_SRC : IPV6_SRC);
    }

    static int dstOffset(int off, int version) {
        return off + (version == 4 ? IPV4_DST : IPV6_DST);
    }

    /** A cheap flow hash over addresses, protocol and ports, stable per 5-tuple (for multipath). */
    static int flowHash(ByteBuffer b, int off, int len, int version) {
        int h;
        int l4;
        int proto;
        if (version == 4) {
            h = b.getInt(off + IPV4_SRC) * 31 + b.getInt(off + IPV4_DST);
            proto = b.get(off + IPV4_PROTOCOL) & 0xff;
            l4 = off + ((b.get(off) & 0x0f) << 2);
        } else {
            h = 0;
            for (int i = 0; i < 32; i += 4) {
                h = h * 31 + b.getInt(off + IPV6_SRC + i);
            }
            proto = b.get(off + IPV6_NEXT_HEADER) & 0xff;
            l4 = off + IPV6_HEADER;
        }
        h = h * 31 + proto;
        if ((proto == 6 || proto == 17) && l4 + 4 <= off + len) {
            h = h * 31 + b.getInt(l4);
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
