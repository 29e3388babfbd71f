package dev.keyroute.wgcore.tun;

import static dev.keyroute.wgcore.tun.InetChecksum.PROTO_TCP;
import static dev.keyroute.wgcore.tun.InetChecksum.PROTO_UDP;

import java.nio.ByteBuffer;

/**
 * Turns one packet read from an offloading TUN device (virtio header + IP packet) into the wire
 * packets it stands for: a TCP super-packet ({@code gso_type} TCPV4/TCPV6) is cut into segments of
 * {@code gso_size} payload bytes, each with its own IP length, IPv4 id and header checksum, TCP
 * sequence number, flags (FIN/PSH only on the last, CWR only on the first) and full TCP checksum;
 * a single packet with a partial checksum gets it completed. Segments are produced one at a time
 * straight into the caller's buffer, so nothing is copied twice. Not thread-safe.
 */
final class TsoSegmenter {
    private static final int TCP_SEQ = 4;
    private static final int TCP_DATA_OFFSET = 12;
    private static final int TCP_FLAGS = 13;
    private static final int TCP_CHECKSUM = 16;
    private static final int TCP_FIN = 0x01;
    private static final int TCP_PSH = 0x08;
    private static final int TCP_CWR = 0x80;
    private static final int UDP_CHECKSUM_OFFSET = 6;

    private ByteBuffer src;
    private int pktOff;
    private int pktLen;
    private boolean gso;
    private boolean needsCsum;
    private int csumStart;
    private int csumOffset;
    private boolean ipv6;
    private int l4Off;
    private int hdrLen;
    private int gsoSize;
    private int segments;
    private int nextSegment;
    private int ipId;
    private long seq;
    private int tcpFlags;

    /** Packets still to be taken with {@link #next}. */
    int remaining() {
        return segments - nextSegment;
    }

    /**
     * Takes the virtio header and packet in {@code buf[0, n)}. Returns false (and holds nothing)
     * when the header or packet is malformed.
     */
    boolean load(ByteBuffer buf, int n) {
        segments = nextSegment = 0;
        if (n <= VirtioNetHdr.SIZE) {
            return false;
        }
        src = buf;
        pktOff = VirtioNetHdr.SIZE;
        pktLen = n - VirtioNetHdr.SIZE;
        int flags = VirtioNetHdr.u8(buf, 0, VirtioNetHdr.FLAGS);
        int gsoType = VirtioNetHdr.u8(buf, 0, VirtioNetHdr.GSO_TYPE) & ~VirtioNetHdr.GSO_ECN;
        needsCsum = (flags & VirtioNetHdr.F_NEEDS_CSUM) != 0;
        csumStart = VirtioNetHdr.u16(buf, 0, VirtioNetHdr.CSUM_START);
        csumOffset = VirtioNetHdr.u16(buf, 0, VirtioNetHdr.CSUM_OFFSET);
        if (needsCsum && csumStart + csumOffset + 2 > pktLen) {
            return false;
        }
        gso = gsoType != VirtioNetHdr.GSO_NONE;
        if (!gso) {
            segments = 1;
            return true;
        }
        if (gsoType != VirtioNetHdr.GSO_TCPV4 && gsoType != VirtioNetHdr.GSO_TCPV6) {
            return false;
        }
        ipv6 = gsoType == VirtioNetHdr.GSO_TCPV6;
        int version = (buf.get(pktOff) & 0xff) >>> 4;
        if (version != (ipv6 ? 6 : 4) || !needsCsum) {
            return false;
        }
        l4Off = csumStart;
        if (l4Off + 20 > pktLen) {
            return false;
        }
        hdrLen = l4Off + ((buf.get(pktOff + l4Off + TCP_DATA_OFFSET) & 0xff) >>> 4) * 4;
        gsoSize = VirtioNetHdr.u16(buf, 0, VirtioNetHdr.GSO_SIZE);
        if (hdrLen > pktLen || hdrLen < l4Off + 20 || gsoSize == 0) {
            return false;
        }
        int payload = pktLen - hdrLen;
        segments = Math.max(1, (payload + gsoSize - 1) / gsoSize);
        ipId = ipv6 ? 0 : InetChecksum.getU16(buf, pktOff + 4);
        int t = pktOff + l4Off;
        seq = ((long) InetChecksum.getU16(buf, t + TCP_SEQ) << 16) | InetChecksum.getU16(buf, t + TCP_SEQ + 2);
        tcpFlags = buf.get(t + TCP_FLAGS) & 0xff;
        return true;
    }

    /** Drops whatever is left of the current packet. */
    void clear() {
        segments = nextSegment = 0;
        src = null;
    }

    /**
     * Writes the next packet at {@code dst}'s position (not moved) and returns its length, or -1
     * (skipping it) when {@code dst} lacks room.
     */
    int next(ByteBuffer dst) {
        int i = nextSegment++;
        int d = dst.position();
        if (!gso) {
            if (dst.remaining() < pktLen) {
                return -1;
            }
            dst.put(d, src, pktOff, pktLen);
            if (needsCsum) {
                completeChecksum(dst, d);
            }
            return pktLen;
        }
        int payOff = hdrLen + i * gsoSize;
        int segPay = Math.min(gsoSize, pktLen - payOff);
        int total = hdrLen + segPay;
        if (dst.remaining() < total) {
            return -1;
        }
        dst.put(d, src, pktOff, hdrLen);
        dst.put(d + hdrLen, src, pktOff + payOff, segPay);
        if (ipv6) {
            InetChecksum.putU16(dst, d + 4, total - 40);
        } else {
            int ihl = (dst.get(d) & 0x0f) * 4;
            InetChecksum.putU16(dst, d + 2, total);
            InetChecksum.putU16(dst, d + 4, (ipId + i) & 0xffff);
            InetChecksum.putU16(dst, d + 10, 0);
            InetChecksum.putU16(dst, d + 10, ~InetChecksum.fold(InetChecksum.add(dst, d, ihl, 0)) & 0xffff);
        }
        int t = d + l4Off;
        long s = (seq + (long) i * gsoSize) & 0xffffffffL;
        InetChecksum.putU16(dst, t + TCP_SEQ, (int) (s >>> 16));
        InetChecksum.putU16(dst, t + TCP_SEQ + 2, (int) s);
        int f = tcpFlags;
        if (i != segments - 1) {
            f &= ~(TCP_FIN | TCP_PSH);
        }
        if (i != 0) {
            f &= ~TCP_CWR;
        }
        dst.put(t + TCP_FLAGS, (byte) f);
        int l4Len = total - l4Off;
        InetChecksum.putU16(dst, t + TCP_CHECKSUM, 0);
        long sum = InetChecksum.pseudoHeader(dst, d, ipv6, PROTO_TCP, l4Len);
        sum = InetChecksum.add(dst, t, l4Len, sum);
        InetChecksum.putU16(dst, t + TCP_CHECKSUM, ~InetChecksum.fold(sum) & 0xffff);
        return total;
    }

    /** The field holds the pseudo-header sum; sum in everything from csum_start and store it. */
    private void completeChecksum(ByteBuffer dst, int d) {
        int field = d + csumStart + csumOffset;
        int v = ~InetChecksum.fold(InetChecksum.add(dst, d + csumStart, pktLen - csumStart, 0)) & 0xffff;
        if (v == 0 && csumOffset == UDP_CHECKSUM_OFFSET && PROTO_UDP == protocolOf(dst, d)) {
            v = 0xffff; // a UDP checksum of 0 means "none"
        }
        InetChecksum.putU16(dst, field, v);
    }

    private int protocolOf(ByteBuffer b, int d) {
        return ((b.get(d) & 0xff) >>> 4) == 6 ? b.get(d + 6) & 0xff : b.get(d + 9) & 0xff;
    }
}
