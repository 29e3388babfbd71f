package dev.keyroute.wgcore.tun;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071): the ones'-complement sum of big-endian 16-bit words, computed
 * eight bytes at a time (a sum of 32-bit words folds to the same 16-bit result), at absolute
 * offsets of a buffer of either byte order. No allocation.
 */
final class InetChecksum {
    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;

    private InetChecksum() {
    }

    /** Adds {@code b[off, off+len)} as big-endian 16-bit words (odd tail padded with zero) to {@code sum}. */
    static long add(ByteBuffer b, int off, int len, long sum) {
        boolean big = b.order() == ByteOrder.BIG_ENDIAN;
        int i = off;
        int end = off + len;
        while (end - i >= 8) {
            long v = b.getLong(i);
            if (!big) {
                v = Long.reverseBytes(v);
            }
            sum += (v >>> 32) + (v & 0xffffffffL);
            i += 8;
        }
        while (end - i >= 2) {
            sum += ((b.get(i) & 0xff) << 8) | (b.get(i + 1) & 0xff);
            i += 2;
        }
        if (i < end) {
            sum += (b.get(i) & 0xff) << 8;
        }
        return sum;
    }

    /** Folds a running sum to 16 bits (not complemented). */
    static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The pseudo-header sum for a transport segment of {@code l4Length} bytes. */
    static long pseudoHeader(ByteBuffer b, int ipOff, boolean ipv6, int protocol, int l4Length) {
        long sum = ipv6 ? add(b, ipOff + 8, 32, 0) : add(b, ipOff + 12, 8, 0);
        return sum + protocol + l4Length;
    }

    static void putU16(ByteBuffer b, int off, int v) {
        b.put(off, (byte) (v >>> 8));
        b.put(off + 1, (byte) v);
    }

    static int getU16(ByteBuffer b, int off) {
        return ((b.get(off) & 0xff) << 8) | (b.get(off + 1) & 0xff);
    }
}
