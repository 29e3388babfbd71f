package dev.keyroute.wgcore.sys;

import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.types.intptr_t;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The few libc calls the packet I/O needs, bound with jnr-ffi (a few ns over the bare syscall;
 * JNA stays off the per-packet path).
 *
 * <p>Buffers are passed as raw native addresses ({@code @intptr_t long}), obtained from direct
 * {@link java.nio.ByteBuffer}s with {@link Posix#address}: the kernel reads and writes the Java
 * buffer's own memory, nothing is copied, and jnr takes its fastest (all-primitive) call path.
 * The caller keeps the buffer reachable across the call. Errno is saved after each call unless
 * the method says {@link IgnoreError}; read it with {@link Posix#errno()}.
 */
public interface LibC {
    int open(String path, int flags);

    int close(int fd);

    @ssize_t long read(int fd, @intptr_t long buf, @size_t long count);

    @ssize_t long write(int fd, @intptr_t long buf, @size_t long count);

    /** {@code writev(fd, const struct iovec *iov, iovcnt)}. */
    @ssize_t long writev(int fd, @intptr_t long iov, int iovcnt);

    /** {@code ioctl(fd, request, arg)} with a pointer argument. */
    int ioctl(int fd, @size_t long request, @intptr_t long arg);

    int socket(int domain, int type, int protocol);

    /**
     * {@code sendmsg(fd, const struct msghdr *msg, flags)}. Used instead of {@code sendto}: with
     * jnr-ffi 2.3.4 / jffi 1.4.3 the sixth argument of a six-argument call arrives as garbage
     * (seen with strace: sendto's addrlen), so calls here keep to at most five arguments.
     */
    @ssize_t long sendmsg(int fd, @intptr_t long msg, int flags);

    /** {@code sendmmsg(fd, struct mmsghdr *msgvec, vlen, flags)}. */
    int sendmmsg(int fd, @intptr_t long msgvec, int vlen, int flags);

    int setsockopt(int fd, int level, int optName, @intptr_t long optVal, int optLen);

    int getsockopt(int fd, int level, int optName, @intptr_t long optVal, @intptr_t long optLen);

    int setns(int fd, int nsType);

    int eventfd(int initVal, int flags);

    /** {@code poll(struct pollfd *fds, nfds_t nfds, int timeout)}. */
    int poll(@intptr_t long fds, @size_t long nfds, int timeoutMillis);

    @IgnoreError
    int geteuid();

    @IgnoreError
    String strerror(int errnum);
}
