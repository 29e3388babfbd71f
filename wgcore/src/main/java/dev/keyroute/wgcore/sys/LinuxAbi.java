package dev.keyroute.wgcore.sys;

/** Linux x86-64/arm64 ABI constants (from the kernel's uapi headers) used by the packet I/O. */
public final class LinuxAbi {
    private LinuxAbi() {}

    // fcntl.h
    public static final int O_RDONLY = 0;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;

    // socket.h
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int MSG_DONTWAIT = 0x40;

    // asm-generic/socket.h
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int SO_MARK = 36;

    // in6.h
    public static final int IPPROTO_IPV6 = 41;
    public static final int IPV6_V6ONLY = 26;

    // poll.h
    public static final short POLLIN = 0x1;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;

    // eventfd.h
    public static final int EFD_NONBLOCK = O_NONBLOCK;
    public static final int EFD_CLOEXEC = O_CLOEXEC;

    // sched.h
    public static final int CLONE_NEWNET = 0x40000000;
}
