package dev.keyroute.wgcore.bind;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.wgcore.sys.LinuxAbi;
import dev.keyroute.wgcore.sys.Posix;
import dev.keyroute.wgcore.sys.RootRequirement;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NettyBindTest {
    private record Received(byte[] data, InetSocketAddress from, boolean direct) {}

    private final List<NettyBind> binds = new ArrayList<>();
    private final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();

    private final Bind.Receiver collect = (packet, from) -> {
        byte[] d = new byte[packet.remaining()];
        packet.get(d);
        inbox.add(new Received(d, from, packet.isDirect()));
    };

    private NettyBind newBind() {
        NettyBind b = new NettyBind();
        binds.add(b);
        return b;
    }

    @AfterEach
    void closeAll() {
        binds.forEach(NettyBind::close);
    }

    private static ByteBuffer direct(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocateDirect(b.length).put(b).flip();
    }

    private Received next() throws InterruptedException {
        Received r = inbox.poll(5, TimeUnit.SECONDS);
        assertNotNull(r, "datagram not received");
        return r;
    }

    @Test
    void shouldExchangeDatagramsOverIpv4AndReportPlainIpv4Sender() throws Exception {
        NettyBind a = newBind();
        NettyBind b = newBind();
        int pa = a.open(0, (p, f) -> {});
        int pb = b.open(0, collect);
        assertNotEquals(0, pa);
        ByteBuffer msg = direct("hello v4");
        a.send(msg, new InetSocketAddress(InetAddress.getByName("127.0.0.1"), pb));
        assertEquals(msg.limit(), msg.position());
        Received r = next();
        assertEquals("hello v4", new String(r.data(), StandardCharsets.UTF_8));
        assertInstanceOf(Inet4Address.class, r.from().getAddress());
        assertEquals(new InetSocketAddress("127.0.0.1", pa), r.from());
        assertTrue(r.direct(), "receive view should be a direct buffer over Netty's memory");
    }

    @Test
    void shouldExchangeDatagramsOverIpv6() throws Exception {
        NettyBind a = newBind();
        NettyBind b = newBind();
        int pa = a.open(0, (p, f) -> {});
        int pb = b.open(0, collect);
        a.send(direct("hello v6"), new InetSocketAddress(InetAddress.getByName("::1"), pb));
        Received r = next();
        assertEquals("hello v6", new String(r.data(), StandardCharsets.UTF_8));
        assertInstanceOf(Inet6Address.class, r.from().getAddress());
        assertEquals(new InetSocketAddress("::1", pa), r.from());
    }

    @Test
    void shouldAcceptDatagramsFromPlainIpv4SocketAndSendHeapBuffers() throws Exception {
        NettyBind b = newBind();
        int pb = b.open(0, collect);
        try (DatagramChannel plain = DatagramChannel.open(StandardProtocolFamily.INET)) {
            plain.bind(new InetSocketAddress("127.0.0.1", 0));
            plain.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), new InetSocketAddress("127.0.0.1", pb));
            Received r = next();
            assertArrayEquals(new byte[] {1, 2, 3}, r.data());
            assertEquals(plain.getLocalAddress(), r.from());

            b.send(ByteBuffer.wrap(new byte[] {4, 5}), (InetSocketAddress) plain.getLocalAddress());
            ByteBuffer got = ByteBuffer.allocate(16);
            plain.configureBlocking(true);
            assertEquals(new InetSocketAddress("127.0.0.1", pb), plain.receive(got));
            assertEquals(2, got.flip().remaining());
        }
    }

    @Test
    void shouldMoveToNewPortWhenReopened() throws Exception {
        NettyBind a = newBind();
        NettyBind b = newBind();
        a.open(0, (p, f) -> {});
        int first = b.open(0, collect);
        int second = b.open(0, collect);
        assertNotEquals(first, second);
        assertEquals(second, b.port());
        a.send(direct("old"), new InetSocketAddress("127.0.0.1", first));
        a.send(direct("new"), new InetSocketAddress("127.0.0.1", second));
        assertEquals("new", new String(next().data(), StandardCharsets.UTF_8));
        assertNull(inbox.poll(300, TimeUnit.MILLISECONDS), "old port should be closed");
        try (DatagramChannel reuse = DatagramChannel.open()) {
            reuse.bind(new InetSocketAddress("::", first)); // the old socket is really gone
        }
    }

    @Test
    void shouldDeliverEverythingSentConcurrentlyFromFourThreads() throws Exception {
        RootRequirement.requireRoot(); // SO_RCVBUFFORCE so that 10k datagrams fit the receive buffer
        int threads = 4;
        int perThread = 2500;
        BitSet seen = new BitSet(threads * perThread);
        CountDownLatch all = new CountDownLatch(threads * perThread);
        NettyBind a = newBind();
        NettyBind b = newBind();
        a.open(0, (p, f) -> {});
        InetSocketAddress to = new InetSocketAddress("127.0.0.1", b.open(0, (p, f) -> {
            int id = p.getInt(p.position());
            synchronized (seen) {
                if (!seen.get(id)) {
                    seen.set(id);
                    all.countDown();
                }
            }
        }));
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            senders.add(Thread.ofPlatform().start(() -> {
                ByteBuffer buf = ByteBuffer.allocateDirect(64);
                for (int i = 0; i < perThread; i++) {
                    buf.clear().putInt(0, base + i);
                    try {
                        a.send(buf, to);
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }
            }));
        }
        for (Thread t : senders) {
            t.join();
        }
        assertTrue(all.await(10, TimeUnit.SECONDS),
                "received " + seen.cardinality() + " of " + threads * perThread + ", send drops " + a.sendDrops());
        assertEquals(0, a.sendDrops());
    }

    @Test
    void shouldSendBatchWithSendmmsg() throws Exception {
        NettyBind a = newBind();
        NettyBind b = newBind();
        a.open(0, (p, f) -> {});
        int pb = b.open(0, collect);
        ByteBuffer[] batch = new ByteBuffer[100];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = direct("m" + i);
        }
        assertEquals(100, a.send(batch, 100, new InetSocketAddress("::1", pb)));
        for (int i = 0; i < 100; i++) {
            assertEquals("m" + i, new String(next().data(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldDropAndCountDatagramsLargerThanConfiguredMaximum() throws Exception {
        NettyBind b = new NettyBind(NettyBindConfig.builder().maxDatagramSize(1500).build());
        binds.add(b);
        NettyBind a = newBind();
        a.open(0, (p, f) -> {});
        int pb = b.open(0, collect);
        InetSocketAddress to = new InetSocketAddress("127.0.0.1", pb);
        a.send(ByteBuffer.allocateDirect(1501), to);
        a.send(ByteBuffer.allocateDirect(1500), to);
        assertEquals(1500, next().data().length);
        assertNull(inbox.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(1, b.oversizeDrops());
    }

    @Test
    void shouldSetLargeSocketBuffersAndFwmarkAsRoot() throws Exception {
        RootRequirement.requireRoot();
        NettyBind b = newBind();
        b.setFwmark(0x51820); // before open: applied on open
        b.open(0, collect);
        int fd = b.fd();
        assertEquals(0x51820, Posix.getIntOption(fd, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_MARK, "SO_MARK"));
        b.setFwmark(0x1234);
        assertEquals(0x1234, Posix.getIntOption(fd, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_MARK, "SO_MARK"));
        b.open(0, collect);
        assertEquals(0x1234, Posix.getIntOption(b.fd(), LinuxAbi.SOL_SOCKET, LinuxAbi.SO_MARK, "SO_MARK"));
        // the kernel reports twice the requested size
        assertTrue(Posix.getIntOption(b.fd(), LinuxAbi.SOL_SOCKET, LinuxAbi.SO_RCVBUF, "SO_RCVBUF") >= 8 << 20);
        assertTrue(Posix.getIntOption(b.fd(), LinuxAbi.SOL_SOCKET, LinuxAbi.SO_SNDBUF, "SO_SNDBUF") >= 8 << 20);
        assertEquals(0, Posix.getIntOption(b.fd(), LinuxAbi.IPPROTO_IPV6, LinuxAbi.IPV6_V6ONLY, "V6ONLY"));
    }

    @Test
    void shouldRefuseToSendWhenClosed() throws Exception {
        NettyBind b = newBind();
        b.open(0, collect);
        b.close();
        assertEquals(0, b.port());
        assertThrows(IOException.class, () -> b.send(direct("x"), new InetSocketAddress("127.0.0.1", 9)));
        assertThrows(IOException.class, () -> b.open(0, collect));
    }
}
