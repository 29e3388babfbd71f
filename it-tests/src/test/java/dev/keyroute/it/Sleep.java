package dev.keyroute.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling helpers: tests wait for conditions, never for fixed times. */
public final class Sleep {
    private Sleep() {
    }

    public static void millis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Polls {@code condition} every 50 ms; returns whether it became true before {@code timeout}. */
    public static boolean until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            millis(50);
        }
    }

    /** Like {@link #until} but throws {@link AssertionError} with {@code what.get()} on timeout. */
    public static void await(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        if (!until(timeout, condition)) {
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what.get());
        }
    }
}
