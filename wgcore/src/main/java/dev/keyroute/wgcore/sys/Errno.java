package dev.keyroute.wgcore.sys;

/** errno values (asm-generic/errno-base.h, errno.h) the packet I/O reacts to. */
public final class Errno {
    private Errno() {}

    public static final int EPERM = 1;
    public static final int EINTR = 4;
    public static final int EBADF = 9;
    public static final int EAGAIN = 11;
    public static final int ENODEV = 19;
    public static final int EBADFD = 77;
    public static final int EINVAL = 22;
    public static final int EMSGSIZE = 90;
    public static final int ENOBUFS = 105;
}
