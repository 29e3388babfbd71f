package dev.keyroute.netlink;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A source of rtnetlink events: route, link and address changes, plus the resync signals
 * {@link Overrun} and {@link DumpInterrupted}. The kernel implementation is
 * {@link dev.keyroute.netlink.socket.RtnlEventSocket}; tests use the in-memory fake from the
 * test-jar. Thread-confined: one reader thread.
 */
public interface RtnlEvents extends AutoCloseable {
    /**
     * Waits up to {@code timeout} for events and delivers every event already queued, in kernel
     * order. Returns the number delivered (0 on timeout).
     */
    int poll(Duration timeout, Consumer<? super RtnlEvent> consumer) throws NetlinkException;

    /** Overruns detected since the source was opened (each also delivered as an {@link Overrun}). */
    long overruns();

    /** Messages rejected as malformed since the source was opened. */
    long malformed();

    @Override
    void close();
}
