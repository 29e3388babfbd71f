package dev.keyroute.wgcore.sys;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/** The loaded {@link LibC} and small helpers around it (errno, checked calls, buffer addresses). */
public final class Posix {
    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private Posix() {}

    public static LibC libc() {
        return LIBC;
    }

    /** errno saved by the calling thread's last {@link LibC} call. */
    public static int errno() {
        return RUNTIME.getLastError();
    }

    public static String strerror(int errno) {
        String s = LIBC.strerror(errno);
        return s == null ? "errno " + errno : s;
    }

    /** Returns {@code rc} when it is not negative, else throws with the thread's errno. */
    public static int check(int rc, String operation) throws ErrnoException {
        if (rc < 0) {
            throw new ErrnoException(operation, errno());
        }
        return rc;
    }

    /**
     * Native address of {@code buf}'s current position. {@code buf} must be direct; the caller
     * keeps it reachable while the address is in use.
     */
    public static long address(ByteBuffer buf) {
        return MemorySegment.ofBuffer(buf).address();
    }

    public static boolean isRoot() {
        return LIBC.geteuid() == 0;
    }

    /** Closes {@code fd} if it is valid, ignoring errors (for cleanup paths). */
    public static void closeQuietly(int fd) {
        if (fd >= 0) {
            LIBC.close(fd);
        }
    }

    /** {@code setsockopt(fd, level, name, &int, 4)}. */
    public static void setIntOption(int fd, int level, int name, int value, String what)
            throws ErrnoException {
        ByteBuffer v = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        v.putInt(0, value);
        check(LIBC.setsockopt(fd, level, name, address(v), 4), "setsockopt " + what);
        Reference.reachabilityFence(v);
    }

    /** {@code getsockopt(fd, level, name, &int, &len)}. */
    public static int getIntOption(int fd, int level, int name, String what) throws ErrnoException {
        ByteBuffer v = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        v.putInt(4, 4);
        long a = address(v);
        check(LIBC.getsockopt(fd, level, name, a, a + 4), "getsockopt " + what);
        int value = v.getInt(0);
        Reference.reachabilityFence(v);
        return value;
    }
}
