package dev.keyroute.wgcore.tun;

import dev.keyroute.wgcore.sys.Posix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One writing thread's {@code writev(2)} vector for an offloading TUN device: an all-zero virtio
 * header (no GSO, checksum already complete) followed by the packet.
 *
 * <pre>
 *  0  virtio_net_hdr (10 bytes, zero) + pad to 16
 * 16  iovec[0] = { base = header, len = 10 }
 * 32  iovec[1] = { base = packet, len = packet length }
 * </pre>
 */
final class VnetWrite {
    private static final int IOV0 = 16;
    private static final int IOV1 = 32;
    private final ByteBuffer mem = ByteBuffer.allocateDirect(48).order(ByteOrder.nativeOrder());
    private final long address = Posix.address(mem);

    VnetWrite() {
        mem.putLong(IOV0, address);
        mem.putLong(IOV0 + 8, VirtioNetHdr.SIZE);
    }

    /** The address of the two iovecs, the second pointing at {@code len} bytes at {@code packet}. */
    long iovecs(long packet, int len) {
        mem.putLong(IOV1, packet);
        mem.putLong(IOV1 + 8, len);
        return address + IOV0;
    }
}
