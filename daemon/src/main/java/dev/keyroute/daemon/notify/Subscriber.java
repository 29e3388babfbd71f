package dev.keyroute.daemon.notify;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One subscription: the snapshot taken when it started and a bounded queue of delta lines. The
 * {@link Journal} only ever enqueues (never blocks); when the queue is full the event is not
 * queued, an {@code overrun seq=N} marker (N = the first missed sequence number) is queued in the
 * one slot kept for it, and the journal drops the subscription. The consumer drains lines with
 * {@link #next}; after the marker (or {@link #END} once {@link #close()}d) nothing more comes.
 */
public final class Subscriber implements AutoCloseable {
    /** Returned by {@link #next} once the subscription was closed. */
    public static final String END = "";

    private final Journal journal;
    private final long snapshotSeq;
    private volatile SnapshotLines snapshot;
    private final int capacity;
    private final ArrayBlockingQueue<String> queue;
    private volatile boolean overrun;

    Subscriber(Journal journal, long snapshotSeq, SnapshotLines snapshot, int capacity) {
        this.journal = journal;
        this.snapshotSeq = snapshotSeq;
        this.snapshot = snapshot;
        this.capacity = capacity;
        this.queue = new ArrayBlockingQueue<>(capacity + 1); // + 1: room for the overrun marker or END
    }

    /** The sequence number the snapshot is consistent with; the first delta has this + 1. */
    public long snapshotSeq() {
        return snapshotSeq;
    }

    /**
     * Snapshot lines ({@code entry ...}, then {@code peer ...}), without the framing lines; empty
     * after {@link #snapshotSent}.
     */
    public SnapshotLines snapshot() {
        SnapshotLines s = snapshot;
        return s == null ? SnapshotLines.EMPTY : s;
    }

    /** The consumer has sent the snapshot: lets go of it (a long subscription would keep a full table alive). */
    public void snapshotSent() {
        snapshot = null;
    }

    public boolean overrun() {
        return overrun;
    }

    /** Journal only, under its lock: queues a delta; false (and marker queued) if full. */
    boolean offer(long seq, String line) {
        if (queue.size() >= capacity) {
            overrun = true;
            queue.offer("overrun seq=" + seq);
            return false;
        }
        queue.offer(line);
        return true;
    }

    /** The next delta or marker line, waiting up to {@code timeoutMillis}; null on timeout. */
    public String next(long timeoutMillis) throws InterruptedException {
        return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** The next delta or marker line, waiting as long as needed. */
    public String next() throws InterruptedException {
        return queue.take();
    }

    /** Stops the subscription; a consumer waiting in {@link #next} gets {@link #END}. */
    @Override
    public void close() {
        journal.unsubscribe(this);
        queue.offer(END); // may fail only if the overrun marker is already the last line
    }
}
