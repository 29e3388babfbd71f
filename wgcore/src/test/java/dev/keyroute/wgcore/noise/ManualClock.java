package dev.keyroute.wgcore.noise;

import dev.keyroute.wgcore.Clock;

/** A clock that moves only when told to. */
final class ManualClock implements Clock {
    private long nanos = 1_000_000_000L;
    private long epoch = 1_700_000_000_000_000_000L;

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long epochNanos() {
        return epoch;
    }

    void advanceNanos(long n) {
        nanos += n;
        epoch += n;
    }
}
