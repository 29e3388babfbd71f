package dev.keyroute.netlink.socket;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The libc socket calls netlink needs, bound with JNA direct mapping. {@code size_t} and
 * {@code ssize_t} are mapped to {@code long} (LP64 Linux).
 */
final class LibC {
    static {
        Native.register(LibC.class, "c");
    }

    private LibC() {}

    static final int POLLIN = 0x1;

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int bind(int fd, Pointer addr, int addrlen) throws LastErrorException;

    static native int getsockname(int fd, Pointer addr, IntByReference addrlen) throws LastErrorException;

    static native int setsockopt(int fd, int level, int name, Pointer value, int len) throws LastErrorException;

    static native int getsockopt(int fd, int level, int name, Pointer value, IntByReference len) throws LastErrorException;

    static native long sendto(int fd, Pointer buf, long len, int flags, Pointer addr, int addrlen) throws LastErrorException;

    static native long recvfrom(int fd, Pointer buf, long len, int flags, Pointer addr, IntByReference addrlen)
            throws LastErrorException;

    static native int poll(Pointer fds, long nfds, int timeoutMillis) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;
}
