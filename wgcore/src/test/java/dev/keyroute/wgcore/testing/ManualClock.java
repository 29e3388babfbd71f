package dev.keyroute.wgcore.testing;

import dev.keyroute.wgcore.Clock;
import java.util.concurrent.TimeUnit;

/** A clock that moves only when a test says so. */
public final class ManualClock implements Clock {
    private volatile long nanos = 1_000_000_000L;
    private volatile long epochNanos = 1_700_000_000_000_000_000L;

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long epochNanos() {
        return epochNanos;
    }

    public void advance(long amount, TimeUnit unit) {
        long d = unit.toNanos(amount);
        nanos += d;
        epochNanos += d;
    }
}
