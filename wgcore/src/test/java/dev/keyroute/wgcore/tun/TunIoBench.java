package dev.keyroute.wgcore.tun;

import dev.keyroute.wgcore.sys.NetnsThread;
import dev.keyroute.wgcore.sys.TestNetns;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * TUN syscall cost (plain main, root, private namespace): write of a 1400-byte IPv4/UDP packet
 * into the stack, read of packets already queued on the device (pure read path, one syscall
 * each), and a read attempt on an empty device that ends in poll (measured as the EAGAIN cost).
 */
public final class TunIoBench {
    private static final int SIZE = 1400;

    private TunIoBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        try (TestNetns ns = TestNetns.create(); NetnsThread thread = NetnsThread.enter(ns.name())) {
            // no IPv6 autoconf packets on the device: every packet read is one the benchmark sent
            ns.start("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1")
                    .waitFor();
            String ifname = "krb" + Integer.toHexString((int) (Math.random() * 0xffffff));
            try (LinuxTun tun = thread.call(() -> LinuxTun.create(ifname, LinuxTun.DEFAULT_MTU))) {
                ns.ip("addr", "add", "10.9.0.1/24", "dev", ifname);
                ns.ip("link", "set", ifname, "up", "txqueuelen", "100000");
                DatagramChannel sink = thread.call(() -> DatagramChannel.open()
                        .bind(new InetSocketAddress("10.9.0.1", 5555)));
                DatagramChannel source = thread.call(() -> DatagramChannel.open()
                        .bind(new InetSocketAddress("10.9.0.1", 0)));

                ByteBuffer pkt = udpPacket();
                for (int round = 0; round < 3; round++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        tun.write(pkt.clear());
                    }
                    System.out.printf("write 1400B into stack: %,8.0f ns/packet%n", (System.nanoTime() - t0) / (double) n);

                    ByteBuffer payload = ByteBuffer.allocateDirect(SIZE - 28);
                    int queued = 5000;
                    InetSocketAddress peer = new InetSocketAddress("10.9.0.2", 9);
                    for (int i = 0; i < queued; i++) {
                        source.send(payload.clear(), peer);
                    }
                    ByteBuffer buf = ByteBuffer.allocateDirect(2048);
                    t0 = System.nanoTime();
                    int got = 0;
                    while (got < queued) {
                        tun.read(buf.clear());
                        got++;
                    }
                    System.out.printf("read queued packet:     %,8.0f ns/packet%n", (System.nanoTime() - t0) / (double) got);
                    ByteBuffer heap = ByteBuffer.allocate(2048);
                    for (int i = 0; i < queued; i++) {
                        source.send(payload.clear(), peer);
                    }
                    t0 = System.nanoTime();
                    for (int i = 0; i < queued; i++) {
                        tun.read(heap.clear());
                    }
                    System.out.printf("read queued (heap buf): %,8.0f ns/packet%n", (System.nanoTime() - t0) / (double) queued);
                }
                sink.close();
                source.close();
            }
        }
    }

    /** IPv4/UDP 10.9.0.2:1234 -> 10.9.0.1:5555, UDP checksum 0 (allowed for IPv4). */
    private static ByteBuffer udpPacket() {
        ByteBuffer p = ByteBuffer.allocateDirect(SIZE);
        p.put(0, (byte) 0x45).putShort(2, (short) SIZE).put(8, (byte) 64).put(9, (byte) 17);
        p.put(12, new byte[] {10, 9, 0, 2}).put(16, new byte[] {10, 9, 0, 1});
        p.putShort(10, Icmp4.checksum(p, 0, 20));
        p.putShort(20, (short) 1234).putShort(22, (short) 5555).putShort(24, (short) (SIZE - 20));
        return p;
    }
}
