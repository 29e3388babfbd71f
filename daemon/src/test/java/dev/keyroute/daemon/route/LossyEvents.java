package dev.keyroute.daemon.route;

import dev.keyroute.netlink.NetlinkException;
import dev.keyroute.netlink.Overrun;
import dev.keyroute.netlink.RtnlEvent;
import dev.keyroute.netlink.RtnlEvents;
import java.time.Duration;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Wraps an event source and drops events at random, reporting each loss as the kernel does: an
 * {@link Overrun} in stream position where the dropped messages would have been.
 */
final class LossyEvents implements RtnlEvents {
    private final RtnlEvents inner;
    private final Random random;
    private final double dropRate;
    private long overruns;
    long dropped;
    /** Drops every event while set (each poll that lost some still reports an overrun). */
    boolean dropAll;

    LossyEvents(RtnlEvents inner, Random random, double dropRate) {
        this.inner = inner;
        this.random = random;
        this.dropRate = dropRate;
    }

    @Override
    public int poll(Duration timeout, Consumer<? super RtnlEvent> consumer) throws NetlinkException {
        boolean[] lost = {false};
        int n = inner.poll(timeout, e -> {
            if (dropAll || random.nextDouble() < dropRate) {
                dropped++;
                lost[0] = true;
                return;
            }
            if (lost[0]) {
                consumer.accept(new Overrun(Overrun.Cause.ENOBUFS, ++overruns));
                lost[0] = false;
            }
            consumer.accept(e);
        });
        if (lost[0]) {
            consumer.accept(new Overrun(Overrun.Cause.ENOBUFS, ++overruns));
        }
        return n;
    }

    @Override
    public long overruns() {
        return overruns;
    }

    @Override
    public long malformed() {
        return inner.malformed();
    }

    @Override
    public void close() {
        inner.close();
    }
}
