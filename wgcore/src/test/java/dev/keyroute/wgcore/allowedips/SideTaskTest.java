package dev.keyroute.wgcore.allowedips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10) // a join that waits for work nobody runs would otherwise hang the build
class SideTaskTest {
    @Test
    void shouldRunWorkOnCallerWhenNoPoolThreadTookIt() {
        Thread[] ranOn = new Thread[1];
        SideTask t = SideTask.fork(() -> ranOn[0] = Thread.currentThread(), task -> { }); // a pool that never runs it
        t.join();
        assertSame(Thread.currentThread(), ranOn[0]);
    }

    @Test
    void shouldWaitForWorkAPoolThreadStartedAndSeeItsWrites() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        int[] written = new int[1];
        Thread[] ranOn = new Thread[1];
        SideTask t = SideTask.fork(() -> {
            ranOn[0] = Thread.currentThread();
            started.countDown();
            sleep(100);
            written[0] = 42;
        }, task -> new Thread(task).start());
        started.await();
        t.join();
        assertNotSame(Thread.currentThread(), ranOn[0]);
        assertEquals(42, written[0]);
    }

    @Test
    void shouldRunWorkOnceWhenPoolAndCallerBothTryIt() {
        AtomicInteger runs = new AtomicInteger();
        SideTask t = SideTask.fork(runs::incrementAndGet, Runnable::run); // the pool runs it at once
        t.join();
        t.run();
        assertEquals(1, runs.get());
    }

    @Test
    void shouldRethrowWhatTheWorkThrewOnJoin() {
        SideTask t = SideTask.fork(() -> {
            throw new AssertionError("out of sync");
        }, task -> new Thread(task).start());
        AssertionError e = assertThrows(AssertionError.class, t::join);
        assertEquals("out of sync", e.getMessage());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
