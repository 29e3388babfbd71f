package dev.keyroute.wgcore.bind;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The UDP side of the engine (Netty epoll in production, channel-backed fakes in tests). One
 * dual-stack socket per interface; receives are delivered to a {@link Receiver} on the bind's own
 * thread, sends may come from any thread.
 */
public interface Bind extends Closeable {
    /** Called for each received datagram, on the bind's receive thread. */
    @FunctionalInterface
    interface Receiver {
        /**
         * {@code packet} holds the datagram between position and limit and is only valid during
         * the call.
         */
        void onDatagram(ByteBuffer packet, InetSocketAddress from);
    }

    /**
     * Opens (or re-opens) the socket on {@code port} (0 = any free port) and starts delivering to
     * {@code receiver}. Returns the actual port.
     */
    int open(int port, Receiver receiver) throws IOException;

    /** The bound port, or 0 when closed. */
    int port();

    /** Sets SO_MARK on the socket (0 clears it). */
    void setFwmark(int mark) throws IOException;

    /** Sends the bytes between position and limit of {@code packet} to {@code to}. Thread-safe. */
    void send(ByteBuffer packet, InetSocketAddress to) throws IOException;

    /**
     * Sends {@code packets[0..count)} to {@code to}, as few system calls as the bind can manage
     * (one by one unless overridden). Returns how many were sent; the others were dropped.
     */
    default int send(ByteBuffer[] packets, int count, InetSocketAddress to) throws IOException {
        for (int i = 0; i < count; i++) {
            send(packets[i], to);
        }
        return count;
    }
}
