package dev.keyroute.wgcore.bind;

import dev.keyroute.wgcore.sys.Errno;
import dev.keyroute.wgcore.sys.ErrnoException;
import dev.keyroute.wgcore.sys.LinuxAbi;
import dev.keyroute.wgcore.sys.Posix;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The production {@link Bind}: one dual-stack UDP socket ({@code [::]:port}, IPV6_V6ONLY off, so
 * IPv4 peers arrive v4-mapped and are reported as plain IPv4) on a Netty epoll channel.
 *
 * <p>Receive: one event-loop thread, {@code recvmmsg(2)} batches of
 * {@link NettyBindConfig#datagramsPerRead()} datagrams, each delivered as a view of the receive
 * buffer. Send: any thread, directly with {@code sendmsg(2)} on the channel's fd (see
 * {@link UdpSender}); the event loop is not involved.
 */
public final class NettyBind implements Bind {
    private static final InetAddress ANY6 = anyIpv6();

    private final NettyBindConfig config;
    private final EventLoopGroup group;
    private final ThreadLocal<SendScratch> scratch = ThreadLocal.withInitial(SendScratch::new);
    private final LongAdder sendDrops = new LongAdder();
    private final LongAdder oversizeDrops = new LongAdder();
    private final LongAdder receiverErrors = new LongAdder();
    private volatile Socket current;
    private int fwmark;
    private boolean closed;

    private record Socket(EpollDatagramChannel channel, UdpSender sender, int port, int fd) {}

    public NettyBind() {
        this(NettyBindConfig.defaults());
    }

    public NettyBind(NettyBindConfig config) {
        this.config = config;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("keyroute-bind", true),
                EpollIoHandler.newFactory());
    }

    @Override
    public synchronized int open(int port, Receiver receiver) throws IOException {
        if (closed) {
            throw new IOException("bind is closed");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port);
        }
        closeSocket();
        EpollDatagramChannel ch = new EpollDatagramChannel(SocketProtocolFamily.INET6);
        try {
            int slot = config.slotSize();
            ch.config()
                    .setRecvByteBufAllocator(new FixedRecvByteBufAllocator(slot * config.datagramsPerRead())
                            .maxMessagesPerRead(config.maxMessagesPerRead()))
                    .setOption(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, config.datagramsPerRead() > 1 ? slot : 0);
            ch.config().setOption(ChannelOption.AUTO_READ, true);
            ch.pipeline().addLast(new ReceiveHandler(receiver, config.maxDatagramSize(), oversizeDrops, receiverErrors));
            int fd = ch.fd().intValue();
            Posix.setIntOption(fd, LinuxAbi.IPPROTO_IPV6, LinuxAbi.IPV6_V6ONLY, 0, "IPV6_V6ONLY");
            setBuffer(fd, LinuxAbi.SO_RCVBUFFORCE, LinuxAbi.SO_RCVBUF, "SO_RCVBUF");
            setBuffer(fd, LinuxAbi.SO_SNDBUFFORCE, LinuxAbi.SO_SNDBUF, "SO_SNDBUF");
            if (fwmark != 0) {
                Posix.setIntOption(fd, LinuxAbi.SOL_SOCKET, LinuxAbi.SO_MARK, fwmark, "SO_MARK");
            }
            group.register(ch).sync();
            ch.bind(new InetSocketAddress(ANY6, port)).sync();
            int actual = ch.localAddress().getPort();
            current = new Socket(ch, new UdpSender(fd, scratch, sendDrops), actual, fd);
            return actual;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ch.close();
            throw new IOException("interrupted while opening UDP socket", e);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e instanceof IOException io ? io : new IOException("cannot open UDP port " + port, e);
        }
    }

    private void setBuffer(int fd, int force, int plain, String what) throws ErrnoException {
        try {
            Posix.setIntOption(fd, LinuxAbi.SOL_SOCKET, force, config.socketBufferBytes(), what + "FORCE");
        } catch (ErrnoException e) {
            if (e.errno() != Errno.EPERM) {
                throw e;
            }
            Posix.setIntOption(fd, LinuxAbi.SOL_SOCKET, plain, config.socketBufferBytes(), what);
        }
    }

    @Override
    public int port() {
        Socket s = current;
        return s == null ? 0 : s.port();
    }

    @Override
    public synchronized void setFwmark(int mark) throws IOException {
        Socket s = current;
        if (s != null) {
            Posix.setIntOption(s.fd(), LinuxAbi.SOL_SOCKET, LinuxAbi.SO_MARK, mark, "SO_MARK");
        }
        fwmark = mark;
    }

    @Override
    public void send(ByteBuffer packet, InetSocketAddress to) throws IOException {
        Socket s = current;
        if (s == null) {
            throw new IOException("bind is not open");
        }
        s.sender().send(packet, to);
    }

    /**
     * Sends {@code packets[0..count)} (direct buffers) to {@code to} with {@code sendmmsg(2)}.
     * Returns the number sent; the others were dropped and counted in {@link #sendDrops()}.
     */
    @Override
    public int send(ByteBuffer[] packets, int count, InetSocketAddress to) throws IOException {
        Socket s = current;
        if (s == null) {
            throw new IOException("bind is not open");
        }
        return s.sender().send(packets, count, to);
    }

    /** Datagrams dropped on send because the socket buffer was full (EAGAIN) or ENOBUFS. */
    public long sendDrops() {
        return sendDrops.sum();
    }

    /** Received datagrams dropped for exceeding {@link NettyBindConfig#maxDatagramSize()}. */
    public long oversizeDrops() {
        return oversizeDrops.sum();
    }

    /** Exceptions thrown by the receiver or raised by the channel. */
    public long receiveErrors() {
        return receiverErrors.sum();
    }

    /** The socket's fd, or -1 when closed (for diagnostics and tests). */
    public int fd() {
        Socket s = current;
        return s == null ? -1 : s.fd();
    }

    private void closeSocket() {
        Socket s = current;
        if (s == null) {
            return;
        }
        current = null;
        s.sender().retire();
        s.channel().close().syncUninterruptibly();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeSocket();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static InetAddress anyIpv6() {
        try {
            return Inet6Address.getByAddress(null, new byte[16], 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
