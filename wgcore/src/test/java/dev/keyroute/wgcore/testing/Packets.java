package dev.keyroute.wgcore.testing;

import java.nio.ByteBuffer;

/** Builds minimal IPv4/IPv6 packets for engine tests (checksums are not the engine's business). */
public final class Packets {
    private Packets() {
    }

    /** An IPv4 UDP packet from {@code src} to {@code dst} with {@code payloadLen} payload bytes. */
    public static byte[] ipv4Udp(byte[] src, byte[] dst, int srcPort, int dstPort, int payloadLen) {
        int total = 20 + 8 + payloadLen;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.put((byte) 0x45).put((byte) 0).putShort((short) total);
        b.putShort((short) 0).putShort((short) 0);
        b.put((byte) 64).put((byte) 17).putShort((short) 0);
        b.put(src).put(dst);
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payloadLen)).putShort((short) 0);
        for (int i = 0; i < payloadLen; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    /** An IPv6 UDP packet. */
    public static byte[] ipv6Udp(byte[] src, byte[] dst, int srcPort, int dstPort, int payloadLen) {
        int total = 40 + 8 + payloadLen;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(0x60000000).putShort((short) (8 + payloadLen)).put((byte) 17).put((byte) 64);
        b.put(src).put(dst);
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payloadLen)).putShort((short) 0);
        for (int i = 0; i < payloadLen; i++) {
            b.put((byte) i);
        }
        return b.array();
    }

    public static byte[] v4(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }
}
