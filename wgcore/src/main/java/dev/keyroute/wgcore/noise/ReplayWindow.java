package dev.keyroute.wgcore.noise;

import dev.keyroute.wgcore.ProtocolConstants;

/**
 * Sliding-window replay filter for received transport counters (RFC 6479 style, as the kernel
 * does): a ring of 8192 bits of which {@link ProtocolConstants#REPLAY_WINDOW_SIZE} are usable, so
 * advancing only ever clears whole words. Counters at or above
 * {@link ProtocolConstants#REJECT_AFTER_MESSAGES} (unsigned) are refused. Call {@link #accept}
 * only after the packet authenticated. Thread-safe.
 */
public final class ReplayWindow {
    private static final int BITS_TOTAL = 8192;
    private static final int WORDS = BITS_TOTAL / Long.SIZE;
    private static final int WORD_SHIFT = 6;

    private final long[] bitmap = new long[WORDS];
    /** One more than the highest counter accepted so far (0 = nothing yet). */
    private long next;

    /** Marks {@code counter} as seen; false if it is a duplicate, too old or out of range. */
    public synchronized boolean accept(long counter) {
        if (!inRange(counter)) {
            return false;
        }
        long c = counter + 1;
        if (Long.compareUnsigned(c, next) > 0) {
            long indexCurrent = next >>> WORD_SHIFT;
            long diff = (c >>> WORD_SHIFT) - indexCurrent;
            int top = (int) Math.min(diff, WORDS);
            for (int i = 1; i <= top; i++) {
                bitmap[(int) ((indexCurrent + i) & (WORDS - 1))] = 0;
            }
            next = c;
        }
        int word = (int) ((c >>> WORD_SHIFT) & (WORDS - 1));
        long bit = 1L << (c & (Long.SIZE - 1));
        boolean fresh = (bitmap[word] & bit) == 0;
        bitmap[word] |= bit;
        return fresh;
    }

    /** Whether {@link #accept} would take {@code counter} now, without marking it. */
    public synchronized boolean check(long counter) {
        if (!inRange(counter)) {
            return false;
        }
        long c = counter + 1;
        if (Long.compareUnsigned(c, next) > 0) {
            return true;
        }
        int word = (int) ((c >>> WORD_SHIFT) & (WORDS - 1));
        return (bitmap[word] & (1L << (c & (Long.SIZE - 1)))) == 0;
    }

    private boolean inRange(long counter) {
        if (Long.compareUnsigned(counter, ProtocolConstants.REJECT_AFTER_MESSAGES) >= 0) {
            return false;
        }
        // too old: counter + 1 + WINDOW < next
        return Long.compareUnsigned(counter + 1 + ProtocolConstants.REPLAY_WINDOW_SIZE, next) >= 0;
    }
}
