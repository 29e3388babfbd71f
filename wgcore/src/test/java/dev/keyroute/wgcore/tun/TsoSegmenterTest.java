package dev.keyroute.wgcore.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class TsoSegmenterTest {
    private static final int MSS = 1000;

    /** virtio header + IPv4/TCP (or IPv6/TCP) super-packet carrying {@code payload} bytes 0,1,2,... */
    private static ByteBuffer superPacket(boolean ipv6, int payload, int tcpFlags) {
        int ipHdr = ipv6 ? 40 : 20;
        int total = ipHdr + 20 + payload;
        ByteBuffer b = ByteBuffer.allocate(VirtioNetHdr.SIZE + total).order(ByteOrder.BIG_ENDIAN);
        b.put(0, (byte) VirtioNetHdr.F_NEEDS_CSUM);
        b.put(1, (byte) (ipv6 ? VirtioNetHdr.GSO_TCPV6 : VirtioNetHdr.GSO_TCPV4));
        putLe16(b, VirtioNetHdr.HDR_LEN, ipHdr + 20);
        putLe16(b, VirtioNetHdr.GSO_SIZE, MSS);
        putLe16(b, VirtioNetHdr.CSUM_START, ipHdr);
        putLe16(b, VirtioNetHdr.CSUM_OFFSET, 16);
        int p = VirtioNetHdr.SIZE;
        if (ipv6) {
            b.put(p, (byte) 0x60);
            InetChecksum.putU16(b, p + 4, total - 40);
            b.put(p + 6, (byte) 6);
            b.put(p + 7, (byte) 64);
            b.put(p + 8, (byte) 0xfd);
            b.put(p + 23, (byte) 1);
            b.put(p + 24, (byte) 0xfd);
            b.put(p + 39, (byte) 2);
        } else {
            b.put(p, (byte) 0x45);
            InetChecksum.putU16(b, p + 2, total);
            InetChecksum.putU16(b, p + 4, 0xfffe); // id wraps during the burst
            b.put(p + 8, (byte) 64);
            b.put(p + 9, (byte) 6);
            b.putInt(p + 12, 0x0af20001);
            b.putInt(p + 16, 0x0af20002);
        }
        int t = p + ipHdr;
        InetChecksum.putU16(b, t, 40000);
        InetChecksum.putU16(b, t + 2, 5201);
        b.putInt(t + 4, 0xfffffc00); // sequence wraps too
        b.putInt(t + 8, 12345);
        b.put(t + 12, (byte) 0x50);
        b.put(t + 13, (byte) tcpFlags);
        InetChecksum.putU16(b, t + 14, 512);
        InetChecksum.putU16(b, t + 16, 0x1234); // partial sum: must be ignored for GSO
        for (int i = 0; i < payload; i++) {
            b.put(t + 20 + i, (byte) i);
        }
        return b;
    }

    private static void putLe16(ByteBuffer b, int off, int v) {
        b.put(off, (byte) v);
        b.put(off + 1, (byte) (v >>> 8));
    }

    private static boolean transportChecksumValid(ByteBuffer seg, int len, boolean ipv6, int protocol) {
        int l4 = ipv6 ? 40 : (seg.get(0) & 0x0f) * 4;
        long sum = InetChecksum.pseudoHeader(seg, 0, ipv6, protocol, len - l4);
        return InetChecksum.fold(InetChecksum.add(seg, l4, len - l4, sum)) == 0xffff;
    }

    @Test
    void shouldCutIpv4SuperPacketIntoValidSegmentsWithAdvancingSequenceAndId() {
        ByteBuffer raw = superPacket(false, 2500, 0x18 | 0x01 | 0x80); // PSH|ACK|FIN|CWR
        TsoSegmenter s = new TsoSegmenter();
        assertTrue(s.load(raw, raw.capacity()));
        assertEquals(3, s.remaining());
        int[] sizes = {MSS, MSS, 500};
        int payloadSeen = 0;
        for (int i = 0; i < 3; i++) {
            ByteBuffer seg = ByteBuffer.allocate(2000);
            int len = s.next(seg);
            assertEquals(40 + sizes[i], len);
            assertEquals(len, InetChecksum.getU16(seg, 2));
            assertEquals((0xfffe + i) & 0xffff, InetChecksum.getU16(seg, 4));
            assertEquals(0xffff, InetChecksum.fold(InetChecksum.add(seg, 0, 20, 0)), "IPv4 header checksum");
            assertEquals((0xfffffc00L + (long) i * MSS) & 0xffffffffL, seg.getInt(24) & 0xffffffffL);
            int flags = seg.get(33) & 0xff;
            assertEquals(i == 2, (flags & 0x01) != 0, "FIN only on the last");
            assertEquals(i == 2, (flags & 0x08) != 0, "PSH only on the last");
            assertEquals(i == 0, (flags & 0x80) != 0, "CWR only on the first");
            assertTrue((flags & 0x10) != 0, "ACK on all");
            assertTrue(transportChecksumValid(seg, len, false, 6), "TCP checksum of segment " + i);
            for (int k = 0; k < sizes[i]; k++) {
                assertEquals((byte) (payloadSeen + k), seg.get(40 + k));
            }
            payloadSeen += sizes[i];
        }
        assertEquals(0, s.remaining());
    }

    @Test
    void shouldCutIpv6SuperPacketAndSetPayloadLength() {
        ByteBuffer raw = superPacket(true, 1500, 0x10);
        TsoSegmenter s = new TsoSegmenter();
        assertTrue(s.load(raw, raw.capacity()));
        assertEquals(2, s.remaining());
        ByteBuffer seg = ByteBuffer.allocate(2000);
        int len = s.next(seg);
        assertEquals(40 + 20 + MSS, len);
        assertEquals(20 + MSS, InetChecksum.getU16(seg, 4));
        assertTrue(transportChecksumValid(seg, len, true, 6));
        seg.clear();
        len = s.next(seg);
        assertEquals(40 + 20 + 500, len);
        assertTrue(transportChecksumValid(seg, len, true, 6));
    }

    @Test
    void shouldCompletePartialUdpChecksumOfSinglePacket() {
        int payload = 37;
        ByteBuffer b = ByteBuffer.allocate(VirtioNetHdr.SIZE + 28 + payload);
        b.put(0, (byte) VirtioNetHdr.F_NEEDS_CSUM);
        putLe16(b, VirtioNetHdr.CSUM_START, 20);
        putLe16(b, VirtioNetHdr.CSUM_OFFSET, 6);
        int p = VirtioNetHdr.SIZE;
        b.put(p, (byte) 0x45);
        InetChecksum.putU16(b, p + 2, 28 + payload);
        b.put(p + 9, (byte) 17);
        b.putInt(p + 12, 0x0a000001);
        b.putInt(p + 16, 0x0a000002);
        InetChecksum.putU16(b, p + 20, 5353);
        InetChecksum.putU16(b, p + 22, 53);
        InetChecksum.putU16(b, p + 24, 8 + payload);
        for (int i = 0; i < payload; i++) {
            b.put(p + 28 + i, (byte) (i * 3));
        }
        // the kernel leaves the folded pseudo-header sum in the checksum field
        long pseudo = InetChecksum.pseudoHeader(b, p, false, 17, 8 + payload);
        InetChecksum.putU16(b, p + 26, InetChecksum.fold(pseudo));
        TsoSegmenter s = new TsoSegmenter();
        assertTrue(s.load(b, b.capacity()));
        ByteBuffer out = ByteBuffer.allocate(200);
        int len = s.next(out);
        assertEquals(28 + payload, len);
        assertTrue(transportChecksumValid(out, len, false, 17));
    }

    @Test
    void shouldRejectGsoPacketWhoseHeaderPointsPastTheData() {
        ByteBuffer raw = superPacket(false, 100, 0x10);
        putLe16(raw, VirtioNetHdr.CSUM_START, 200);
        assertFalse(new TsoSegmenter().load(raw, raw.capacity()));
        assertFalse(new TsoSegmenter().load(raw, 5));
    }
}
