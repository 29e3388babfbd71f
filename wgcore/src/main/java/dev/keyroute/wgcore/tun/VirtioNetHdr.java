package dev.keyroute.wgcore.tun;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code struct virtio_net_hdr} (linux/virtio_net.h), the 10-byte header in front of every packet
 * read from or written to a TUN device opened with {@code IFF_VNET_HDR}; fields are little-endian
 * (the TUN default for a little-endian host).
 *
 * <pre>
 *  0        1          2         4          6            8             10
 *  +--------+----------+---------+----------+------------+-------------+
 *  | flags  | gso_type | hdr_len | gso_size | csum_start | csum_offset |
 *  +--------+----------+---------+----------+------------+-------------+
 * </pre>
 *
 * {@code flags & NEEDS_CSUM}: the transport checksum is partial — the field at
 * {@code csum_start + csum_offset} holds the pseudo-header sum and the rest must be summed in.
 * {@code gso_type} TCPV4/TCPV6: the packet is a TCP super-packet to be cut into segments of
 * {@code gso_size} payload bytes.
 */
final class VirtioNetHdr {
    static final int SIZE = 10;
    static final int FLAGS = 0;
    static final int GSO_TYPE = 1;
    static final int HDR_LEN = 2;
    static final int GSO_SIZE = 4;
    static final int CSUM_START = 6;
    static final int CSUM_OFFSET = 8;

    static final int F_NEEDS_CSUM = 1;
    static final int GSO_NONE = 0;
    static final int GSO_TCPV4 = 1;
    static final int GSO_TCPV6 = 4;
    static final int GSO_ECN = 0x80;

    private VirtioNetHdr() {
    }

    static int u8(ByteBuffer b, int off, int field) {
        return b.get(off + field) & 0xff;
    }

    static int u16(ByteBuffer b, int off, int field) {
        short v = b.getShort(off + field);
        return (b.order() == ByteOrder.LITTLE_ENDIAN ? v : Short.reverseBytes(v)) & 0xffff;
    }
}
