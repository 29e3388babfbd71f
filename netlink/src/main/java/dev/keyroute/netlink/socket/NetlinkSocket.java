package dev.keyroute.netlink.socket;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import dev.keyroute.netlink.NetlinkException;
import dev.keyroute.netlink.spec.Errno;
import dev.keyroute.netlink.spec.Netlink;
import dev.keyroute.netlink.wire.SockaddrNl;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A raw netlink socket over JNA with native send and receive buffers. Created in the network
 * namespace of the calling thread, and bound there for life. Not thread-safe.
 *
 * <p>{@link #receive} reports ENOBUFS and EAGAIN as return values (not exceptions) because
 * callers act on them: ENOBUFS means the kernel dropped messages, EAGAIN that nothing is queued.
 */
public final class NetlinkSocket implements AutoCloseable {
    /** {@link #receive} result: nothing queued (non-blocking read). */
    public static final int AGAIN = -Errno.EAGAIN;
    /** {@link #receive} result: the receive buffer overflowed and messages were dropped. */
    public static final int OVERRUN = -Errno.ENOBUFS;
    /** {@link #receive} result: the datagram exceeded the maximum read buffer and was truncated. */
    public static final int TRUNCATED = -Errno.EMSGSIZE;

    private final int fd;
    private final int maxRead;
    private final Memory sendMem;
    private final ByteBuffer sendBuf;
    private final Memory addr = new Memory(SockaddrNl.SIZE);
    private final Memory optval = new Memory(4);
    private final Memory pollfd = new Memory(8);
    private final IntByReference addrLen = new IntByReference();
    private Memory recvMem;
    private ByteBuffer recvBuf;
    private int portId;
    private int lastSenderPid;
    private boolean closed;

    private NetlinkSocket(int fd, int readBuffer, int maxRead) {
        this.fd = fd;
        this.maxRead = maxRead;
        this.sendMem = new Memory(16 << 10);
        this.sendBuf = sendMem.getByteBuffer(0, sendMem.size()).order(ByteOrder.nativeOrder());
        allocateReceive(readBuffer);
    }

    /** Opens a netlink socket of {@code protocol} (e.g. NETLINK_ROUTE) and binds it. */
    public static NetlinkSocket open(int protocol, int readBuffer, int maxRead) throws NetlinkException {
        int fd;
        try {
            fd = LibC.socket(Netlink.AF_NETLINK, Netlink.SOCK_RAW | Netlink.SOCK_CLOEXEC, protocol);
        } catch (LastErrorException e) {
            throw new NetlinkException("socket(AF_NETLINK)", e.getErrorCode(), null);
        }
        NetlinkSocket s = new NetlinkSocket(fd, readBuffer, maxRead);
        try {
            s.bind();
            return s;
        } catch (NetlinkException e) {
            s.close();
            throw e;
        }
    }

    private void bind() throws NetlinkException {
        addr.clear(SockaddrNl.SIZE);
        addr.setShort(SockaddrNl.FAMILY, (short) Netlink.AF_NETLINK);
        try {
            LibC.bind(fd, addr, SockaddrNl.SIZE);
            addrLen.setValue(SockaddrNl.SIZE);
            LibC.getsockname(fd, addr, addrLen);
        } catch (LastErrorException e) {
            throw new NetlinkException("bind(AF_NETLINK)", e.getErrorCode(), null);
        }
        portId = addr.getInt(SockaddrNl.PID);
    }

    /** The port id the kernel assigned to this socket (nl_pid). */
    public int portId() { return portId; }

    /** Port id of the sender of the last datagram received; 0 is the kernel. */
    public int lastSenderPid() { return lastSenderPid; }

    /** A native-order view of the send buffer, for a {@link dev.keyroute.netlink.wire.MessageWriter}. */
    public ByteBuffer sendBuffer() { return sendBuf; }

    /** A native-order view of the receive buffer; valid until the next {@link #receive}. */
    public ByteBuffer receiveBuffer() { return recvBuf; }

    public void setIntOption(int level, int option, int value) throws NetlinkException {
        optval.setInt(0, value);
        try {
            LibC.setsockopt(fd, level, option, optval, 4);
        } catch (LastErrorException e) {
            throw new NetlinkException("setsockopt(" + level + ", " + option + ")", e.getErrorCode(), null);
        }
    }

    public int getIntOption(int level, int option) throws NetlinkException {
        IntByReference len = new IntByReference(4);
        try {
            LibC.getsockopt(fd, level, option, optval, len);
        } catch (LastErrorException e) {
            throw new NetlinkException("getsockopt(" + level + ", " + option + ")", e.getErrorCode(), null);
        }
        return optval.getInt(0);
    }

    /**
     * Sets the kernel receive buffer: SO_RCVBUFFORCE (needs CAP_NET_ADMIN, ignores rmem_max),
     * falling back to SO_RCVBUF. Returns the size the kernel reports (it doubles the request).
     */
    public int setReceiveBuffer(int bytes) throws NetlinkException {
        try {
            setIntOption(Netlink.SOL_SOCKET, Netlink.SO_RCVBUFFORCE, bytes);
        } catch (NetlinkException e) {
            if (e.errno() != Errno.EPERM) {
                throw e;
            }
            setIntOption(Netlink.SOL_SOCKET, Netlink.SO_RCVBUF, bytes);
        }
        return getIntOption(Netlink.SOL_SOCKET, Netlink.SO_RCVBUF);
    }

    /** Sends {@code length} bytes of the send buffer to the kernel. */
    public void send(int length) throws NetlinkException {
        addr.clear(SockaddrNl.SIZE);
        addr.setShort(SockaddrNl.FAMILY, (short) Netlink.AF_NETLINK);
        while (true) {
            try {
                LibC.sendto(fd, sendMem, length, 0, addr, SockaddrNl.SIZE);
                return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR) {
                    throw new NetlinkException("sendto(netlink)", e.getErrorCode(), null);
                }
            }
        }
    }

    /**
     * Receives one datagram into {@link #receiveBuffer()}, growing the buffer when the queued
     * datagram is larger (peeked with MSG_TRUNC), up to the maximum.
     *
     * @return the datagram length, or {@link #AGAIN}, {@link #OVERRUN} or {@link #TRUNCATED}
     */
    public int receive(boolean block) throws NetlinkException {
        int flags = block ? 0 : Netlink.MSG_DONTWAIT;
        int queued = recv(flags | Netlink.MSG_PEEK | Netlink.MSG_TRUNC);
        if (queued < 0) {
            return queued;
        }
        if (queued > recvMem.size()) {
            if (queued > maxRead) {
                recv(Netlink.MSG_DONTWAIT); // consume and drop it
                return TRUNCATED;
            }
            allocateReceive(Integer.highestOneBit(queued - 1) << 1);
        }
        return recv(Netlink.MSG_DONTWAIT);
    }

    private int recv(int flags) throws NetlinkException {
        while (true) {
            addrLen.setValue(SockaddrNl.SIZE);
            try {
                long n = LibC.recvfrom(fd, recvMem, recvMem.size(), flags, addr, addrLen);
                lastSenderPid = addr.getInt(SockaddrNl.PID);
                return (int) n;
            } catch (LastErrorException e) {
                int errno = e.getErrorCode();
                if (errno == Errno.EINTR) {
                    continue;
                }
                if (errno == Errno.EAGAIN || errno == Errno.ENOBUFS) {
                    return -errno;
                }
                throw new NetlinkException("recvfrom(netlink)", errno, null);
            }
        }
    }

    /** Waits up to {@code timeoutMillis} (negative: forever) for a datagram; true if readable. */
    public boolean awaitReadable(int timeoutMillis) throws NetlinkException {
        pollfd.setInt(0, fd);
        pollfd.setShort(4, (short) LibC.POLLIN);
        pollfd.setShort(6, (short) 0);
        try {
            return LibC.poll(pollfd, 1, timeoutMillis) > 0;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EINTR) {
                return false;
            }
            throw new NetlinkException("poll(netlink)", e.getErrorCode(), null);
        }
    }

    private void allocateReceive(int size) {
        if (recvMem != null) {
            recvMem.close();
        }
        recvMem = new Memory(size);
        recvBuf = recvMem.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            LibC.close(fd);
        } catch (LastErrorException ignored) {
            // close(2) errors on a netlink socket leave nothing to recover
        }
        recvMem.close();
        sendMem.close();
    }
}
