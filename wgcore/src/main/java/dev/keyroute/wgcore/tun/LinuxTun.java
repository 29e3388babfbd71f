package dev.keyroute.wgcore.tun;

import dev.keyroute.wgcore.sys.Errno;
import dev.keyroute.wgcore.sys.ErrnoException;
import dev.keyroute.wgcore.sys.LibC;
import dev.keyroute.wgcore.sys.LinuxAbi;
import dev.keyroute.wgcore.sys.Posix;
import dev.keyroute.wgcore.sys.WakeablePoll;
import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Linux TUN device ({@code IFF_TUN | IFF_NO_PI}, not persistent: it disappears on close).
 *
 * <p>The fd is non-blocking. {@link #read} tries {@code read(2)} first and only on EAGAIN waits in
 * {@code poll(2)} on the fd plus a wake-up eventfd, so while packets flow a read is one syscall,
 * and {@link #close} wakes a blocked reader at once. Reads and writes of direct buffers go straight
 * to and from the buffer's memory; heap buffers are copied through a per-thread direct buffer.
 *
 * <p>Offloads (the default): the device is opened with {@code IFF_VNET_HDR} and accepts TSO and
 * checksum offload ({@code TUNSETOFFLOAD}), so the kernel hands over TCP super-packets of up to
 * 64 KiB in one {@code read(2)}; {@link #read} cuts them into MTU-sized packets (see
 * {@link TsoSegmenter}) and returns them one per call without further system calls
 * ({@link #pending()} tells how many are left). Writes prepend an empty virtio header with
 * {@code writev(2)}. Reads must come from one thread at a time (the segmenter is shared).
 *
 * <p>The device lives in the network namespace of the thread that calls {@link #create}; the
 * control socket used for {@link #mtu()} is opened there too, so later calls from any thread
 * still address the right namespace.
 */
public final class LinuxTun implements Tun {
    /** Same default as wg-quick. */
    public static final int DEFAULT_MTU = 1420;
    private static final int MAX_PACKET = 65535;

    private final LibC libc = Posix.libc();
    private final String name;
    private final int index;
    private final int fd;
    private final int controlFd;
    private final WakeablePoll poll;
    /** Calls inside the fd; close waits for zero so the fd number is never reused under them. */
    private final AtomicInteger active = new AtomicInteger();
    private final ThreadLocal<ByteBuffer> bounce = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_PACKET));
    private final boolean vnetHdr;
    /** Reader only: the last raw read (virtio header + packet) and the packets still in it. */
    private final ByteBuffer raw;
    private final TsoSegmenter segmenter = new TsoSegmenter();
    private final ThreadLocal<VnetWrite> vnetWrite = ThreadLocal.withInitial(VnetWrite::new);
    private volatile boolean closed;

    private LinuxTun(String name, int index, int fd, int controlFd, WakeablePoll poll, boolean vnetHdr) {
        this.name = name;
        this.index = index;
        this.fd = fd;
        this.controlFd = controlFd;
        this.poll = poll;
        this.vnetHdr = vnetHdr;
        this.raw = vnetHdr ? ByteBuffer.allocateDirect(VirtioNetHdr.SIZE + MAX_PACKET) : null;
    }

    public static LinuxTun create(String name) throws IOException {
        return create(name, DEFAULT_MTU);
    }

    /**
     * Creates TUN device {@code name} (1..15 ASCII characters, no '/', ':', '%' or whitespace) with
     * {@code mtu}, in the calling thread's network namespace.
     */
    public static LinuxTun create(String name, int mtu) throws IOException {
        return create(name, mtu, true);
    }

    /**
     * As {@link #create(String, int)}; {@code offload} turns TSO/checksum offload (and the virtio
     * header) on or off.
     */
    public static LinuxTun create(String name, int mtu, boolean offload) throws IOException {
        validateName(name);
        if (mtu < 68 || mtu > MAX_PACKET) {
            throw new IllegalArgumentException("mtu out of range 68..65535: " + mtu);
        }
        LibC libc = Posix.libc();
        int fd = -1;
        int ctl = -1;
        WakeablePoll poll = null;
        try {
            fd = Posix.check(libc.open(TunAbi.CLONE_DEVICE,
                    LinuxAbi.O_RDWR | LinuxAbi.O_NONBLOCK | LinuxAbi.O_CLOEXEC), "open " + TunAbi.CLONE_DEVICE);
            short flags = (short) (TunAbi.IFF_TUN | TunAbi.IFF_NO_PI | (offload ? TunAbi.IFF_VNET_HDR : 0));
            IfReq req = new IfReq(name).flags(flags);
            ioctl(fd, TunAbi.TUNSETIFF, req, "TUNSETIFF " + name);
            if (offload) {
                Posix.check(libc.ioctl(fd, TunAbi.TUNSETOFFLOAD,
                        TunAbi.TUN_F_CSUM | TunAbi.TUN_F_TSO4 | TunAbi.TUN_F_TSO6), "TUNSETOFFLOAD " + name);
            }
            String actual = req.name();
            ctl = Posix.check(libc.socket(LinuxAbi.AF_INET, LinuxAbi.SOCK_DGRAM | LinuxAbi.SOCK_CLOEXEC, 0), "socket");
            IfReq idx = new IfReq(actual);
            ioctl(ctl, TunAbi.SIOCGIFINDEX, idx, "SIOCGIFINDEX " + actual);
            ioctl(ctl, TunAbi.SIOCSIFMTU, new IfReq(actual).intValue(mtu), "SIOCSIFMTU " + actual);
            poll = WakeablePoll.create();
            return new LinuxTun(actual, idx.intValue(), fd, ctl, poll, offload);
        } catch (IOException | RuntimeException e) {
            if (poll != null) {
                poll.close();
            }
            Posix.closeQuietly(ctl);
            Posix.closeQuietly(fd);
            throw e;
        }
    }

    static void validateName(String name) {
        if (name == null || name.isEmpty() || name.length() >= TunAbi.IFNAMSIZ) {
            throw new IllegalArgumentException("interface name must be 1.." + (TunAbi.IFNAMSIZ - 1)
                    + " characters: " + name);
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("invalid interface name: " + name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '/' || c == ':' || c == '%') {
                throw new IllegalArgumentException("invalid character in interface name: " + name);
            }
        }
    }

    private static void ioctl(int fd, long request, IfReq req, String what) throws ErrnoException {
        int rc = Posix.libc().ioctl(fd, request, req.address());
        Reference.reachabilityFence(req);
        Posix.check(rc, what);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public int mtu() throws IOException {
        enterOrThrow();
        try {
            IfReq req = new IfReq(name);
            ioctl(controlFd, TunAbi.SIOCGIFMTU, req, "SIOCGIFMTU " + name);
            return req.intValue();
        } finally {
            active.decrementAndGet();
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!enter()) {
            return -1;
        }
        try {
            if (vnetHdr) {
                return readSegment(dst);
            }
            if (!dst.isDirect()) {
                return readViaBounce(dst);
            }
            int n = readDirect(dst);
            if (n > 0) {
                dst.position(dst.position() + n);
            }
            return n;
        } finally {
            active.decrementAndGet();
        }
    }

    /** The next packet of the current super-packet, reading a new one when none is left. */
    private int readSegment(ByteBuffer dst) throws IOException {
        for (;;) {
            if (segmenter.remaining() == 0) {
                raw.clear();
                int n = readDirect(raw);
                if (n < 0) {
                    return -1;
                }
                if (!segmenter.load(raw, n)) {
                    continue; // malformed header from the kernel: nothing sensible to send
                }
            }
            int len = segmenter.next(dst);
            if (len >= 0) {
                dst.position(dst.position() + len);
                return len;
            }
        }
    }

    /**
     * Packets that the next {@link #read}s return without a system call (the rest of a TCP
     * super-packet). Reader thread only.
     */
    @Override
    public int pending() {
        return segmenter.remaining();
    }

    private int readViaBounce(ByteBuffer dst) throws IOException {
        ByteBuffer b = bounce.get().clear().limit(Math.min(MAX_PACKET, dst.remaining()));
        int n = readDirect(b);
        if (n > 0) {
            dst.put(b.limit(n));
        }
        return n;
    }

    /** One packet into {@code dst} at its position (position unchanged), -1 when closed. */
    private int readDirect(ByteBuffer dst) throws IOException {
        long addr = Posix.address(dst);
        int room = dst.remaining();
        for (;;) {
            long n = libc.read(fd, addr, room);
            if (n >= 0) {
                Reference.reachabilityFence(dst);
                return (int) n;
            }
            int e = Posix.errno();
            if (e == Errno.EAGAIN) {
                if (closed || !poll.awaitReadable(fd)) {
                    return -1;
                }
            } else if (e != Errno.EINTR) {
                throw new ErrnoException("read " + name, e);
            }
        }
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        enterOrThrow();
        try {
            ByteBuffer b = src;
            if (!src.isDirect()) {
                b = bounce.get().clear();
                b.put(src.duplicate()).flip();
            }
            int len = b.remaining();
            long n;
            if (vnetHdr) {
                long iov = vnetWrite.get().iovecs(Posix.address(b), len);
                do {
                    n = libc.writev(fd, iov, 2);
                } while (n < 0 && Posix.errno() == Errno.EINTR);
            } else {
                do {
                    n = libc.write(fd, Posix.address(b), len);
                } while (n < 0 && Posix.errno() == Errno.EINTR);
            }
            Reference.reachabilityFence(b);
            if (n < 0) {
                throw new ErrnoException("write " + name, Posix.errno());
            }
            src.position(src.limit());
        } finally {
            active.decrementAndGet();
        }
    }

    private boolean enter() {
        active.incrementAndGet();
        if (closed) {
            active.decrementAndGet();
            return false;
        }
        return true;
    }

    private void enterOrThrow() throws IOException {
        if (!enter()) {
            throw new IOException(name + " is closed");
        }
    }

    /** Wakes blocked readers (they return -1), waits for calls in progress, then removes the device. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        poll.wakeup();
        while (active.get() != 0) {
            Thread.onSpinWait();
            Thread.yield();
        }
        segmenter.clear();
        libc.close(fd);
        libc.close(controlFd);
        poll.close();
    }

    @Override
    public String toString() {
        return "LinuxTun[" + name + ", index " + index + "]";
    }
}
