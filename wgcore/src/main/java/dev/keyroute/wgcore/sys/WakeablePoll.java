package dev.keyroute.wgcore.sys;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Blocks until a non-blocking fd is readable, or until {@link #wakeup()} (an eventfd in the same
 * {@code poll(2)} set). Used only after a read returned EAGAIN, so a busy fd costs no extra syscall.
 * Once woken, every later wait returns {@code false} at once (the eventfd is never drained).
 */
public final class WakeablePoll implements AutoCloseable {
    /** struct pollfd { int fd; short events; short revents; } */
    private static final int POLLFD_SIZE = 8;
    private static final int FD_OFFSET = 0;
    private static final int EVENTS_OFFSET = 4;
    private static final int REVENTS_OFFSET = 6;
    private static final int TARGET = 0;
    private static final int WAKE = POLLFD_SIZE;

    private final LibC libc = Posix.libc();
    private final int eventFd;
    private final ThreadLocal<ByteBuffer> pollFds = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(2 * POLLFD_SIZE).order(ByteOrder.nativeOrder()));

    private WakeablePoll(int eventFd) {
        this.eventFd = eventFd;
    }

    public static WakeablePoll create() throws ErrnoException {
        int fd = Posix.check(Posix.libc().eventfd(0, LinuxAbi.EFD_CLOEXEC | LinuxAbi.EFD_NONBLOCK), "eventfd");
        return new WakeablePoll(fd);
    }

    /** Waits until {@code fd} is readable (or in error): {@code true}; woken up: {@code false}. */
    public boolean awaitReadable(int fd) throws IOException {
        ByteBuffer p = pollFds.get();
        p.putInt(TARGET + FD_OFFSET, fd).putShort(TARGET + EVENTS_OFFSET, LinuxAbi.POLLIN);
        p.putInt(WAKE + FD_OFFSET, eventFd).putShort(WAKE + EVENTS_OFFSET, LinuxAbi.POLLIN);
        long addr = Posix.address(p);
        for (;;) {
            p.putShort(TARGET + REVENTS_OFFSET, (short) 0).putShort(WAKE + REVENTS_OFFSET, (short) 0);
            int n = libc.poll(addr, 2, -1);
            if (n < 0) {
                int e = Posix.errno();
                if (e == Errno.EINTR) {
                    continue;
                }
                throw new ErrnoException("poll", e);
            }
            Reference.reachabilityFence(p);
            if (p.getShort(WAKE + REVENTS_OFFSET) != 0) {
                return false;
            }
            if (p.getShort(TARGET + REVENTS_OFFSET) != 0) {
                return true;
            }
        }
    }

    /** Makes current and future {@link #awaitReadable} calls return {@code false}. */
    public void wakeup() {
        ByteBuffer one = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder()).putLong(0, 1L);
        libc.write(eventFd, Posix.address(one), 8);
        Reference.reachabilityFence(one);
    }

    @Override
    public void close() {
        libc.close(eventFd);
    }
}
