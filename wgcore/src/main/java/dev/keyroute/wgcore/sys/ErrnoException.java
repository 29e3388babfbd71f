package dev.keyroute.wgcore.sys;

import java.io.IOException;

/** A failed libc call: the operation, its errno and the system's message for it. */
public final class ErrnoException extends IOException {
    private final int errno;

    public ErrnoException(String operation, int errno) {
        super(operation + ": " + Posix.strerror(errno) + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
