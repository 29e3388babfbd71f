package dev.keyroute.wgcore.tun;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A layer-3 packet device (Linux TUN with IFF_TUN|IFF_NO_PI, or a fake in tests): each read
 * returns one whole IPv4 or IPv6 packet, each write injects one.
 */
public interface Tun extends Closeable {
    /** Interface name, e.g. {@code wg0}. */
    String name();

    /** Kernel interface index, or 0 for a fake. */
    int index();

    /** Current MTU. */
    int mtu() throws IOException;

    /**
     * Blocks until a packet is available, then copies it into {@code dst} starting at its position
     * and advances the position. Returns the packet length, or -1 once the device is closed.
     */
    int read(ByteBuffer dst) throws IOException;

    /** Writes the packet between position and limit of {@code src}. Thread-safe. */
    void write(ByteBuffer src) throws IOException;

    /**
     * How many packets the next {@link #read}s return at once, without waiting (e.g. the rest of
     * an offloaded TCP super-packet); 0 when the next read may block. For the reading thread.
     */
    default int pending() {
        return 0;
    }
}
