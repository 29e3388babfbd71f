package dev.keyroute.wgcore.bind;

/**
 * Immutable tuning of a {@link NettyBind}.
 *
 * <ul>
 * <li>{@code maxDatagramSize}: the largest datagram delivered; larger ones are counted and
 *     dropped, never delivered truncated. Each datagram gets a receive slot of
 *     {@code maxDatagramSize + 1} bytes, so a datagram that filled its slot was cut by the kernel.
 *     A WireGuard transport datagram is at most MTU + 32 bytes (1452 at the default MTU 1420); the
 *     default 4095 admits inner MTUs up to ~4060 while keeping a receive batch at 64 KiB, where
 *     65535-byte slots would cost 1 MiB per batch for nothing.</li>
 * <li>{@code datagramsPerRead}: datagrams taken per {@code recvmmsg(2)} call.</li>
 * <li>{@code maxMessagesPerRead}: datagrams handled per readiness event before the event loop
 *     looks at its other work (the bind's loop has no other channels).</li>
 * <li>{@code socketBufferBytes}: SO_RCVBUF/SO_SNDBUF; set with the *FORCE variants when root so
 *     net.core.[rw]mem_max does not cap them.</li>
 * </ul>
 */
public final class NettyBindConfig {
    private final int maxDatagramSize;
    private final int datagramsPerRead;
    private final int maxMessagesPerRead;
    private final int socketBufferBytes;

    private NettyBindConfig(Builder b) {
        this.maxDatagramSize = b.maxDatagramSize;
        this.datagramsPerRead = b.datagramsPerRead;
        this.maxMessagesPerRead = b.maxMessagesPerRead;
        this.socketBufferBytes = b.socketBufferBytes;
    }

    public static NettyBindConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxDatagramSize() {
        return maxDatagramSize;
    }

    public int datagramsPerRead() {
        return datagramsPerRead;
    }

    public int maxMessagesPerRead() {
        return maxMessagesPerRead;
    }

    public int socketBufferBytes() {
        return socketBufferBytes;
    }

    /** Receive slot per datagram: one byte more than the largest accepted datagram. */
    int slotSize() {
        return maxDatagramSize + 1;
    }

    public static final class Builder {
        private int maxDatagramSize = 4095;
        private int datagramsPerRead = 16;
        private int maxMessagesPerRead = 256;
        private int socketBufferBytes = 8 << 20;

        private Builder() {}

        public Builder maxDatagramSize(int v) {
            this.maxDatagramSize = requireRange("maxDatagramSize", v, 64, 65535);
            return this;
        }

        public Builder datagramsPerRead(int v) {
            this.datagramsPerRead = requireRange("datagramsPerRead", v, 1, 1024);
            return this;
        }

        public Builder maxMessagesPerRead(int v) {
            this.maxMessagesPerRead = requireRange("maxMessagesPerRead", v, 1, 1 << 16);
            return this;
        }

        public Builder socketBufferBytes(int v) {
            this.socketBufferBytes = requireRange("socketBufferBytes", v, 4096, 1 << 30);
            return this;
        }

        public NettyBindConfig build() {
            return new NettyBindConfig(this);
        }

        private static int requireRange(String what, int v, int min, int max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(what + " must be in " + min + ".." + max + ": " + v);
            }
            return v;
        }
    }
}
