package dev.keyroute.wgcore.device;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Device-wide counters, incremented on the hot path without locks and read as snapshots by the
 * metrics exporter.
 */
public final class DeviceCounters {
    private final AtomicLongArray drops = new AtomicLongArray(DropReason.values().length);
    private final AtomicLongArray events = new AtomicLongArray(Event.values().length);

    /** Counted control-plane events. */
    public enum Event {
        HANDSHAKE_INITIATION_SENT,
        HANDSHAKE_INITIATION_RECEIVED,
        HANDSHAKE_RESPONSE_SENT,
        HANDSHAKE_COMPLETED,
        HANDSHAKE_TIMED_OUT,
        COOKIE_REPLY_SENT,
        COOKIE_REPLY_RECEIVED,
        KEEPALIVE_SENT,
        ROAMED
    }

    public void drop(DropReason reason) {
        drops.incrementAndGet(reason.ordinal());
    }

    public long drops(DropReason reason) {
        return drops.get(reason.ordinal());
    }

    public void count(Event event) {
        events.incrementAndGet(event.ordinal());
    }

    public long events(Event event) {
        return events.get(event.ordinal());
    }
}
