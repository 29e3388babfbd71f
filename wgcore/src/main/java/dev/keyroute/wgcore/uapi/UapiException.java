package dev.keyroute.wgcore.uapi;

/** A refused UAPI request: the errno to answer with (positive, e.g. 22) and why. */
public final class UapiException extends Exception {
    public static final int EIO = 5;
    public static final int EINVAL = 22;
    public static final int EPROTO = 71;
    public static final int EADDRINUSE = 98;

    private final int errno;

    public UapiException(int errno, String message) {
        super(message);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
