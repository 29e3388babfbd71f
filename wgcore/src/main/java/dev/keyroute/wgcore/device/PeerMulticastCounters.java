package dev.keyroute.wgcore.device;

import java.util.concurrent.atomic.AtomicLong;

/** Per-peer link-local multicast counters (fan-out copies, skips, accepted and refused inbound). */
public final class PeerMulticastCounters {
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong skippedNoEndpoint = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /** Copies handed to the peer for encryption (sent now, or staged until a handshake completes). */
    public long sent() {
        return sent.get();
    }

    /** Copies not made because the peer had no endpoint. */
    public long skippedNoEndpoint() {
        return skippedNoEndpoint.get();
    }

    /** Inbound multicast packets from the peer written to the TUN device. */
    public long received() {
        return received.get();
    }

    /** Inbound multicast packets from the peer dropped for a source it does not own. */
    public long refused() {
        return refused.get();
    }

    void countSent() {
        sent.incrementAndGet();
    }

    void countSkippedNoEndpoint() {
        skippedNoEndpoint.incrementAndGet();
    }

    void countReceived() {
        received.incrementAndGet();
    }

    void countRefused() {
        refused.incrementAndGet();
    }
}
