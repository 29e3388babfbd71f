package dev.keyroute.netlink.testing;

import dev.keyroute.netlink.DumpInterrupted;
import dev.keyroute.netlink.Overrun;
import dev.keyroute.netlink.RtnlEvent;
import dev.keyroute.netlink.RtnlEvents;
import dev.keyroute.netlink.spec.Rtm;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * In-memory {@link RtnlEvents} for daemon tests: events published by {@link FakeRtnl} (or by the
 * test directly, e.g. recorded sequences) are delivered by {@link #poll} in order. Overruns and
 * interrupted dumps can be injected. Publishing is thread-safe; polling is single-reader.
 */
public final class FakeRtnlEvents implements RtnlEvents {
    private final LinkedBlockingQueue<RtnlEvent> queue = new LinkedBlockingQueue<>();
    private final AtomicLong overruns = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile boolean closed;

    /** Queues an event as if the kernel had sent it. */
    public void publish(RtnlEvent e) {
        queue.add(e);
    }

    /** Queues an {@link Overrun} (ENOBUFS) and counts it, like a kernel queue overflow. */
    public void injectOverrun() {
        queue.add(new Overrun(Overrun.Cause.ENOBUFS, overruns.incrementAndGet()));
    }

    public void injectDumpInterrupted() {
        queue.add(new DumpInterrupted(Rtm.RTM_NEWROUTE));
    }

    /** Counts a message as malformed (the real socket drops such messages after counting). */
    public void injectMalformed() {
        malformed.incrementAndGet();
    }

    /** Events queued and not yet polled. */
    public int pending() {
        return queue.size();
    }

    @Override
    public int poll(Duration timeout, Consumer<? super RtnlEvent> consumer) {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        int n = 0;
        try {
            RtnlEvent first = queue.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            if (first == null) {
                return 0;
            }
            consumer.accept(first);
            n++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return n;
        }
        for (RtnlEvent e; (e = queue.poll()) != null; n++) {
            consumer.accept(e);
        }
        return n;
    }

    @Override
    public long overruns() {
        return overruns.get();
    }

    @Override
    public long malformed() {
        return malformed.get();
    }

    @Override
    public void close() {
        closed = true;
    }
}
