package dev.keyroute.wgcore.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.wgcore.ProtocolConstants;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {
    private static final int W = ProtocolConstants.REPLAY_WINDOW_SIZE;
    private final ReplayWindow window = new ReplayWindow();

    @Test
    void shouldAcceptCountersInOrder() {
        for (long c = 0; c < 20_000; c++) {
            assertTrue(window.accept(c), "counter " + c);
        }
    }

    @Test
    void shouldAcceptOutOfOrderCountersWithinWindowOnce() {
        assertTrue(window.accept(100));
        assertTrue(window.accept(50));
        assertTrue(window.accept(99));
        assertTrue(window.accept(0));
        assertFalse(window.accept(50));
        assertFalse(window.accept(100));
        assertFalse(window.accept(0));
    }

    @Test
    void shouldRejectDuplicates() {
        assertTrue(window.accept(7));
        assertFalse(window.check(7));
        assertFalse(window.accept(7));
    }

    @Test
    void shouldRejectCountersOlderThanWindow() {
        assertTrue(window.accept(W + 100));
        assertTrue(window.accept(100), "exactly window size behind is still inside");
        assertFalse(window.accept(99));
        assertFalse(window.check(0));
    }

    @Test
    void shouldForgetOldBitsAfterHugeJump() {
        assertTrue(window.accept(5));
        assertTrue(window.accept(1L << 40));
        assertFalse(window.accept(5));
        assertTrue(window.accept((1L << 40) - 1));
        assertTrue(window.accept((1L << 40) - W));
        assertFalse(window.accept((1L << 40) - W - 1));
        assertTrue(window.accept((1L << 40) + 8192), "a slot one ring length ahead was cleared");
        assertTrue(window.accept((1L << 40) + 8192 * 3 + 64));
    }

    @Test
    void shouldRejectCountersAtOrAboveRejectAfterMessages() {
        long limit = ProtocolConstants.REJECT_AFTER_MESSAGES;
        assertFalse(window.accept(limit));
        assertFalse(window.accept(-1L));
        assertTrue(window.accept(limit - 1));
        assertFalse(window.accept(limit - 1));
        assertTrue(window.accept(limit - 2));
    }

    @Test
    void shouldNotMarkWhenOnlyChecking() {
        assertTrue(window.check(3));
        assertTrue(window.check(3));
        assertTrue(window.accept(3));
    }

    @Test
    void shouldMatchReferenceSetOnRandomisedSequences() {
        Random rnd = new Random(20240611);
        for (int trial = 0; trial < 20; trial++) {
            ReplayWindow w = new ReplayWindow();
            Set<Long> seen = new HashSet<>();
            long max = -1;
            long base = 0;
            for (int i = 0; i < 20_000; i++) {
                long c;
                int kind = rnd.nextInt(10);
                if (kind < 5) {
                    c = Math.max(0, max + 1 - rnd.nextInt(W + 300));
                } else if (kind < 8) {
                    c = max + 1 + rnd.nextInt(300);
                } else if (kind < 9) {
                    c = max + rnd.nextInt(3 * 8192);
                } else {
                    c = Math.max(0, max - W + rnd.nextInt(3) - 1);
                }
                c += base;
                boolean expected = !seen.contains(c) && (max < 0 || c + W >= max);
                assertEquals(expected, w.check(c), "check trial " + trial + " step " + i + " counter " + c);
                assertEquals(expected, w.accept(c), "trial " + trial + " step " + i + " counter " + c);
                if (expected) {
                    seen.add(c);
                    max = Math.max(max, c);
                }
            }
        }
    }

    @Test
    void shouldBeSafeUnderConcurrentAccepts() throws Exception {
        int threads = 4;
        int perThread = 50_000;
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            ts[t] = new Thread(() -> {
                for (int c = 0; c < perThread; c++) {
                    if (window.accept(c)) {
                        accepted.incrementAndGet();
                    }
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        // whichever thread reaches a counter first takes it; nobody takes it twice
        assertEquals(perThread, accepted.get());
    }
}
