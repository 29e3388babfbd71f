package dev.keyroute.wgcore.tun;

import java.nio.ByteBuffer;

/** Test helper: recognise an IPv4 ICMP echo request and turn it into the matching echo reply. */
final class Icmp4 {
    private static final int PROTO_ICMP = 1;
    private static final int ECHO_REQUEST = 8;
    private static final int ECHO_REPLY = 0;

    private Icmp4() {}

    /** True if {@code p} (from position 0 to limit) is an ICMP echo request to {@code dst}. */
    static boolean isEchoRequestTo(ByteBuffer p, byte[] dst) {
        if (p.limit() < 28 || (p.get(0) & 0xf0) != 0x40 || p.get(9) != PROTO_ICMP) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            if (p.get(16 + i) != dst[i]) {
                return false;
            }
        }
        return p.get(headerLength(p)) == ECHO_REQUEST;
    }

    /** Rewrites the request in place into a reply (addresses swapped, type 0, checksum redone). */
    static void toEchoReply(ByteBuffer p) {
        for (int i = 0; i < 4; i++) {
            byte s = p.get(12 + i);
            p.put(12 + i, p.get(16 + i));
            p.put(16 + i, s);
        }
        int ihl = headerLength(p);
        p.put(ihl, (byte) ECHO_REPLY);
        p.putShort(ihl + 2, (short) 0);
        p.putShort(ihl + 2, checksum(p, ihl, p.limit() - ihl));
    }

    static int headerLength(ByteBuffer p) {
        return (p.get(0) & 0x0f) * 4;
    }

    static short checksum(ByteBuffer p, int off, int len) {
        long sum = 0;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            sum += ((p.get(off + i) & 0xff) << 8) | (p.get(off + i + 1) & 0xff);
        }
        if (i < len) {
            sum += (p.get(off + i) & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }
}
