package dev.keyroute.wgcore.device;

import dev.keyroute.wgcore.sys.Errno;
import dev.keyroute.wgcore.sys.ErrnoException;
import dev.keyroute.wgcore.tun.Tun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.LockSupport;

/**
 * The outbound half of the data plane: a thread that reads packets from the TUN device, finds the
 * peer by longest-prefix match on the destination (multipath: by flow hash) and hands the packet to
 * that peer for encryption and sending.
 */
final class OutboundPath implements Runnable {
    private final Device device;
    private final Tun tun;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(SendContext.BUFFER_SIZE).order(ByteOrder.BIG_ENDIAN);

    OutboundPath(Device device, Tun tun) {
        this.device = device;
        this.tun = tun;
    }

    /**
     * Reads a packet (blocking), then whatever else the device has ready without a system call
     * (the rest of a TSO super-packet), routing each; the sealed datagrams of that burst leave
     * per destination in {@code sendmmsg(2)} batches.
     */
    @Override
    public void run() {
        SendContext ctx = SendContext.get();
        while (read()) {
            if (tun.pending() == 0) {
                route(buf);
                continue;
            }
            ctx.beginBatch();
            try {
                route(buf);
                while (tun.pending() > 0 && read()) {
                    route(buf);
                }
            } finally {
                ctx.flush();
            }
        }
    }

    /** Reads the next packet into {@code buf} (flipped); false once the device is closed. */
    private boolean read() {
        while (true) {
            buf.clear();
            int n;
            try {
                n = tun.read(buf);
            } catch (IOException e) {
                if (!device.isUp()) {
                    return false;
                }
                if (e instanceof ErrnoException ee && (ee.errno() == Errno.EBADFD || ee.errno() == Errno.ENODEV)) {
                    device.tunGone(); // the interface was deleted (e.g. `ip link del`, `wg-quick down`)
                    return false;
                }
                device.counters().drop(DropReason.MALFORMED);
                LockSupport.parkNanos(1_000_000L); // never spin on a failing device
                continue;
            }
            if (n < 0) {
                return false;
            }
            buf.flip();
            return true;
        }
    }

    /** Routes one plaintext packet (position..limit); also used by tests and fan-out. */
    void route(ByteBuffer packet) {
        int off = packet.position();
        int len = packet.remaining();
        int version = IpPacket.version(packet, off, len);
        if (version == 0) {
            device.counters().drop(DropReason.MALFORMED);
            return;
        }
        if (version == 6 && device.multicastFanout().fanOut(packet, off)) {
            return;
        }
        Target t = device.allowedIps().lookup(packet, IpPacket.dstOffset(off, version), version == 6);
        if (t == null) {
            device.counters().drop(DropReason.NO_PEER_FOR_DESTINATION);
            return;
        }
        Peer peer = t instanceof Peer p ? p : t.select(IpPacket.flowHash(packet, off, len, version));
        peer.send(packet);
    }
}
