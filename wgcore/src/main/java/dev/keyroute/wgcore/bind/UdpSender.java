package dev.keyroute.wgcore.bind;

import dev.keyroute.wgcore.sys.Errno;
import dev.keyroute.wgcore.sys.ErrnoException;
import dev.keyroute.wgcore.sys.LibC;
import dev.keyroute.wgcore.sys.LinuxAbi;
import dev.keyroute.wgcore.sys.Posix;
import java.io.IOException;
import java.lang.ref.Reference;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends on one open socket straight from the calling thread with {@code sendmsg(2)} /
 * {@code sendmmsg(2)} on its fd: no hop onto the event loop, no allocation per packet. A full
 * socket buffer (EAGAIN) or ENOBUFS drops the packet and counts it; other errors throw.
 * {@link #retire()} stops new sends and waits for those in progress, so the fd can then be closed
 * without a sender ever using a reused fd number.
 */
final class UdpSender {
    private final LibC libc = Posix.libc();
    private final int fd;
    private final ThreadLocal<SendScratch> scratch;
    private final LongAdder drops;
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean retired;

    UdpSender(int fd, ThreadLocal<SendScratch> scratch, LongAdder drops) {
        this.fd = fd;
        this.scratch = scratch;
        this.drops = drops;
    }

    /** Sends one datagram; on success the packet's position moves to its limit. */
    void send(ByteBuffer packet, InetSocketAddress to) throws IOException {
        enter();
        try {
            SendScratch s = scratch.get();
            s.sockaddr(to);
            ByteBuffer b = packet.isDirect() ? packet : s.bounce(packet);
            long msg = s.singleMessage(b);
            long n;
            do {
                n = libc.sendmsg(fd, msg, LinuxAbi.MSG_DONTWAIT);
            } while (n < 0 && Posix.errno() == Errno.EINTR);
            Reference.reachabilityFence(b);
            if (n >= 0) {
                packet.position(packet.limit());
            } else {
                dropOrThrow("sendmsg " + to);
            }
        } finally {
            active.decrementAndGet();
        }
    }

    /**
     * Sends {@code packets[0..count)} (direct buffers) to one destination with as few
     * {@code sendmmsg(2)} calls as possible. Returns how many were sent; the rest were dropped
     * (counted) because the socket buffer was full.
     */
    int send(ByteBuffer[] packets, int count, InetSocketAddress to) throws IOException {
        enter();
        try {
            SendScratch s = scratch.get();
            s.sockaddr(to);
            int sent = 0;
            while (sent < count) {
                int n = Math.min(SendScratch.MAX_BATCH, count - sent);
                long vec = s.fillBatch(packets, sent, n);
                int r = libc.sendmmsg(fd, vec, n, LinuxAbi.MSG_DONTWAIT);
                if (r < 0) {
                    if (Posix.errno() == Errno.EINTR) {
                        continue;
                    }
                    dropOrThrow("sendmmsg " + to);
                    drops.add(count - sent - 1L);
                    break;
                }
                for (int i = 0; i < r; i++) {
                    packets[sent + i].position(packets[sent + i].limit());
                }
                sent += r;
            }
            Reference.reachabilityFence(packets);
            return sent;
        } finally {
            active.decrementAndGet();
        }
    }

    private void dropOrThrow(String what) throws ErrnoException {
        int e = Posix.errno();
        if (e == Errno.EAGAIN || e == Errno.ENOBUFS) {
            drops.increment();
            return;
        }
        throw new ErrnoException(what, e);
    }

    private void enter() throws IOException {
        active.incrementAndGet();
        if (retired) {
            active.decrementAndGet();
            throw new IOException("bind is closed");
        }
    }

    void retire() {
        retired = true;
        while (active.get() != 0) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
