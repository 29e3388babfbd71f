package dev.keyroute.netlink;

/**
 * Socket settings. Immutable; derive variants with the {@code with*} methods.
 *
 * @param receiveBufferBytes kernel receive buffer (SO_RCVBUFFORCE when permitted, else
 *                           SO_RCVBUF, which the kernel caps at net.core.rmem_max). Event sockets
 *                           need it large so bursts do not overrun; tests shrink it on purpose.
 * @param readBufferBytes    initial size of the native buffer one datagram is read into; grows
 *                           on demand up to {@code maxReadBufferBytes}
 * @param maxReadBufferBytes largest datagram accepted; larger ones are reported as truncated
 * @param strictCheck        NETLINK_GET_STRICT_CHK: the kernel validates dump requests strictly
 *                           and honours their filters (family, table)
 */
public record RtnlOptions(int receiveBufferBytes, int readBufferBytes, int maxReadBufferBytes, boolean strictCheck) {
    /** Defaults for a request/dump socket. */
    public static final RtnlOptions REQUESTS = new RtnlOptions(1 << 20, 64 << 10, 1 << 20, true);
    /**
     * Defaults for an event socket: a 32 MiB receive buffer (the kernel doubles it; memory is only
     * taken while events wait) holds about a second of a full-table mass delete (~40k routes/s),
     * enough to ride out a collector pause; 8 MiB overran in half of the 1.2M-route delete runs.
     */
    public static final RtnlOptions EVENTS = new RtnlOptions(32 << 20, 64 << 10, 1 << 20, true);

    public RtnlOptions {
        if (receiveBufferBytes < 1024 || readBufferBytes < 4096 || maxReadBufferBytes < readBufferBytes) {
            throw new IllegalArgumentException("buffer sizes too small or inconsistent");
        }
    }

    public RtnlOptions withReceiveBufferBytes(int bytes) {
        return new RtnlOptions(bytes, readBufferBytes, maxReadBufferBytes, strictCheck);
    }

    public RtnlOptions withStrictCheck(boolean strict) {
        return new RtnlOptions(receiveBufferBytes, readBufferBytes, maxReadBufferBytes, strict);
    }
}
