package dev.keyroute.wgcore.bind;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Send-rate benchmark on loopback, 1400-byte datagrams (plain main, not a test):
 * NettyBind direct sendmsg (1 and 2 threads), sendmmsg batches of 32, and Netty writeAndFlush
 * from a non-event-loop thread, and JDK DatagramChannel as a baseline; each against a NettyBind receiver (end to end) and against an
 * unread sink socket (send cost only). Usage: {@code BindSendBench [seconds]}.
 */
public final class BindSendBench {
    private static final int SIZE = 1400;

    private BindSendBench() {}

    interface Sender {
        /** Sends some packets, returns how many. */
        long sendSome(InetSocketAddress to) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        LongAdder received = new LongAdder();
        try (NettyBind a = new NettyBind();
             NettyBind rx = new NettyBind();
             DatagramChannel sink = DatagramChannel.open()) {
            long t0 = System.nanoTime();
            a.open(0, (p, f) -> {});
            System.out.printf("first open: %.1f ms%n", (System.nanoTime() - t0) / 1e6);
            InetSocketAddress rxAddr = new InetSocketAddress("127.0.0.1", rx.open(0, (p, f) -> received.increment()));
            sink.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            sink.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress sinkAddr = (InetSocketAddress) sink.getLocalAddress();

            ByteBuffer packet = ByteBuffer.allocateDirect(SIZE);
            Sender single = to -> {
                for (int i = 0; i < 256; i++) {
                    packet.clear();
                    a.send(packet, to);
                }
                return 256;
            };
            ByteBuffer[] batch = new ByteBuffer[32];
            for (int i = 0; i < batch.length; i++) {
                batch[i] = ByteBuffer.allocateDirect(SIZE);
            }
            Sender mmsg = to -> {
                long n = 0;
                for (int r = 0; r < 8; r++) {
                    for (ByteBuffer b : batch) {
                        b.clear();
                    }
                    n += a.send(batch, batch.length, to);
                }
                return 8L * batch.length; // attempted; drops are reported separately
            };
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
            EpollDatagramChannel ch = new EpollDatagramChannel(SocketProtocolFamily.INET6);
            ch.pipeline().addLast(new ChannelInboundHandlerAdapter());
            group.register(ch).sync();
            ch.bind(new InetSocketAddress("::", 0)).sync();
            ByteBuf nettyPacket = Unpooled.directBuffer(SIZE).writeZero(SIZE);
            Sender netty = to -> {
                ChannelFuture last = null;
                for (int i = 0; i < 256; i++) {
                    last = ch.writeAndFlush(new DatagramPacket(nettyPacket.retainedDuplicate(), to));
                }
                last.sync();
                return 256;
            };

            DatagramChannel jdk = DatagramChannel.open();
            jdk.bind(new InetSocketAddress("::", 0));
            jdk.configureBlocking(false);
            ByteBuffer jdkPacket = ByteBuffer.allocateDirect(SIZE);
            Sender jdkSender = to -> {
                for (int i = 0; i < 256; i++) {
                    jdk.send(jdkPacket.clear(), to);
                }
                return 256;
            };
            for (String target : new String[] {"receiver", "sink"}) {
                InetSocketAddress to = target.equals("receiver") ? rxAddr : sinkAddr;
                run("NettyBind sendmsg x1 -> " + target, seconds, 1, single, to, received, a);
                run("NettyBind sendmsg x2 -> " + target, seconds, 2, single, to, received, a);
                run("NettyBind sendmmsg(32) x1 -> " + target, seconds, 1, mmsg, to, received, a);
                run("Netty writeAndFlush x1 -> " + target, seconds, 1, netty, to, received, a);
                run("JDK DatagramChannel.send x1 -> " + target, seconds, 1, jdkSender, to, received, a);
            }
            jdk.close();
            ch.close().sync();
            group.shutdownGracefully().sync();
        }
    }

    private static void run(String name, double seconds, int threads, Sender s, InetSocketAddress to,
                            LongAdder received, NettyBind a) throws Exception {
        // warm-up
        long warmEnd = System.nanoTime() + 500_000_000L;
        while (System.nanoTime() < warmEnd) {
            s.sendSome(to);
        }
        Thread.sleep(200);
        received.reset();
        long drops0 = a.sendDrops();
        LongAdder sent = new LongAdder();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<Thread> ts = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            ts.add(Thread.ofPlatform().start(() -> {
                try {
                    long n = 0;
                    while (System.nanoTime() < end) {
                        n += s.sendSome(to);
                    }
                    sent.add(n);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
        double el = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(200);
        System.out.printf("%-40s sent %,10.0f/s (%,6.0f ns/pkt/thread)  drops %,10.0f/s  received %,10.0f/s%n",
                name, sent.sum() / el, el * 1e9 * threads / Math.max(1, sent.sum()),
                (a.sendDrops() - drops0) / el, received.sum() / el);
    }
}
