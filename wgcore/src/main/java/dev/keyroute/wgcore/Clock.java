package dev.keyroute.wgcore;

/**
 * Time as the engine sees it; injected so tests can drive timers, rekeys and cookie expiry
 * without sleeping.
 */
public interface Clock {
    /** Monotonic nanoseconds, for timers and key ages. */
    long nanoTime();

    /** Wall-clock nanoseconds since the Unix epoch, for TAI64N timestamps and last-handshake. */
    long epochNanos();

    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long epochNanos() {
            java.time.Instant now = java.time.Instant.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }
    };
}
