package dev.keyroute.netlink.testing;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/** libc calls to join a network namespace from one thread (JNA direct mapping). */
final class NetnsLibC {
    static {
        Native.register(NetnsLibC.class, "c");
    }

    private NetnsLibC() {}

    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int CLONE_NEWNET = 0x40000000;

    static native int open(String path, int flags) throws LastErrorException;

    static native int setns(int fd, int nstype) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;
}
