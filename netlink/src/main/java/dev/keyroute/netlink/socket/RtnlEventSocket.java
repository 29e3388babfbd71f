package dev.keyroute.netlink.socket;

import dev.keyroute.netlink.DumpInterrupted;
import dev.keyroute.netlink.NetlinkException;
import dev.keyroute.netlink.Overrun;
import dev.keyroute.netlink.RtnlEvent;
import dev.keyroute.netlink.RtnlEvents;
import dev.keyroute.netlink.RtnlOptions;
import dev.keyroute.netlink.parse.NlHeader;
import dev.keyroute.netlink.parse.ParseSink;
import dev.keyroute.netlink.parse.ParserStats;
import dev.keyroute.netlink.parse.RtnlParser;
import dev.keyroute.netlink.spec.Netlink;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A NETLINK_ROUTE socket subscribed to multicast groups (RTNLGRP_*), separate from the request
 * socket so event order is never mixed with replies.
 *
 * <p>Overruns are explicit: when the kernel reports ENOBUFS (its queue for this socket
 * overflowed and notifications were dropped) or a datagram exceeds the maximum read buffer, an
 * {@link Overrun} is delivered in stream position and counted. It is never swallowed; the
 * consumer re-dumps. NETLINK_NO_ENOBUFS is deliberately not set.
 *
 * <p>Only datagrams from the kernel (sender port id 0) are accepted; others are counted in
 * {@link #foreignDatagrams()}. Malformed messages are dropped and counted by the parser.
 * Thread-confined: one reader thread.
 */
public final class RtnlEventSocket implements RtnlEvents {
    /** Upper bound of datagrams drained per {@link #poll}, so one call cannot run unbounded. */
    private static final int MAX_DATAGRAMS_PER_POLL = 4096;

    private final NetlinkSocket socket;
    private final RtnlParser parser = new RtnlParser();
    private final AtomicLong overruns = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();
    private final int receiveBuffer;
    private Consumer<? super RtnlEvent> consumer;
    private int delivered;

    private final ParseSink sink = new ParseSink() {
        @Override
        public void message(NlHeader h, RtnlEvent m) {
            if (h.hasFlag(Netlink.NLM_F_DUMP_INTR)) {
                emit(new DumpInterrupted(h.type()));
            }
            emit(m);
        }

        @Override
        public void error(NlHeader h, int errno, String extAck) {
            // No requests are sent on this socket; a stray error message carries no event.
        }

        @Override
        public void done(NlHeader h, int errno, String extAck) {
            if (h.hasFlag(Netlink.NLM_F_DUMP_INTR)) {
                emit(new DumpInterrupted(h.type()));
            }
        }
    };

    private RtnlEventSocket(NetlinkSocket socket, int receiveBuffer) {
        this.socket = socket;
        this.receiveBuffer = receiveBuffer;
    }

    /**
     * Opens an event socket in the calling thread's network namespace and joins {@code groups}
     * (e.g. {@link dev.keyroute.netlink.spec.Rtnlgrp#routeFollowerGroups()}).
     */
    public static RtnlEventSocket open(RtnlOptions options, int... groups) throws NetlinkException {
        NetlinkSocket s = NetlinkSocket.open(Netlink.NETLINK_ROUTE, options.readBufferBytes(), options.maxReadBufferBytes());
        try {
            int actual = s.setReceiveBuffer(options.receiveBufferBytes());
            for (int g : groups) {
                s.setIntOption(Netlink.SOL_NETLINK, Netlink.NETLINK_ADD_MEMBERSHIP, g);
            }
            return new RtnlEventSocket(s, actual);
        } catch (NetlinkException e) {
            s.close();
            throw e;
        }
    }

    /** The kernel's receive buffer size for this socket, as reported by SO_RCVBUF. */
    public int receiveBufferBytes() {
        return receiveBuffer;
    }

    @Override
    public int poll(Duration timeout, Consumer<? super RtnlEvent> consumer) throws NetlinkException {
        long ms = Math.min(Integer.MAX_VALUE, Math.max(0, timeout.toMillis()));
        if (!socket.awaitReadable((int) ms)) {
            return 0;
        }
        return drain(consumer, false);
    }

    /** Blocks until one datagram (or an overrun) arrives and delivers its events. */
    public int receive(Consumer<? super RtnlEvent> consumer) throws NetlinkException {
        return drain(consumer, true);
    }

    private int drain(Consumer<? super RtnlEvent> c, boolean blockOnce) throws NetlinkException {
        this.consumer = c;
        this.delivered = 0;
        try {
            for (int i = 0; i < MAX_DATAGRAMS_PER_POLL; i++) {
                int n = socket.receive(blockOnce && i == 0);
                if (n == NetlinkSocket.AGAIN) {
                    break;
                }
                if (n == NetlinkSocket.OVERRUN) {
                    emit(new Overrun(Overrun.Cause.ENOBUFS, overruns.incrementAndGet()));
                } else if (n == NetlinkSocket.TRUNCATED) {
                    emit(new Overrun(Overrun.Cause.TRUNCATED, overruns.incrementAndGet()));
                } else if (socket.lastSenderPid() != 0) {
                    foreign.incrementAndGet();
                } else {
                    parser.parse(socket.receiveBuffer(), n, sink);
                }
                if (blockOnce) {
                    break;
                }
            }
            return delivered;
        } finally {
            this.consumer = null;
        }
    }

    private void emit(RtnlEvent e) {
        delivered++;
        consumer.accept(e);
    }

    @Override
    public long overruns() {
        return overruns.get();
    }

    @Override
    public long malformed() {
        return parser.stats().malformed();
    }

    public ParserStats parserStats() {
        return parser.stats();
    }

    /** Datagrams dropped because they did not come from the kernel. */
    public long foreignDatagrams() {
        return foreign.get();
    }

    public int portId() {
        return socket.portId();
    }

    @Override
    public void close() {
        socket.close();
    }
}
