package dev.keyroute.wgcore.allowedips;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Work a pool thread may do while the caller does other work. The caller never waits for work
 * that has not started: {@link #join} runs it on the calling thread if no pool thread has taken
 * it yet (the common pool may be busy or blocked by others' tasks), else waits for it to end.
 */
final class SideTask implements Runnable {
    private final Runnable work;
    private final AtomicBoolean taken = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private Throwable failure;

    private SideTask(Runnable work) {
        this.work = work;
    }

    /** Offers {@code work} to the common fork-join pool. */
    static SideTask fork(Runnable work) {
        return fork(work, ForkJoinPool.commonPool());
    }

    /** Offers {@code work} to {@code pool}. */
    static SideTask fork(Runnable work, Executor pool) {
        SideTask t = new SideTask(work);
        pool.execute(t);
        return t;
    }

    @Override
    public void run() {
        if (!taken.compareAndSet(false, true)) {
            return;
        }
        try {
            work.run();
        } catch (Throwable e) {
            failure = e;
        } finally {
            done.countDown(); // publishes the work's writes (and failure) to join
        }
    }

    /** Runs the work here unless a pool thread took it, waits for its end, and rethrows what it threw. */
    void join() {
        run();
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }
}
