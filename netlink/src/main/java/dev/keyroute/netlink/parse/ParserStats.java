package dev.keyroute.netlink.parse;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of one parser. Written by the parser's thread, readable from any thread (metrics).
 */
public final class ParserStats {
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong unknown = new AtomicLong();

    void countMessage() { messages.incrementAndGet(); }
    void countMalformed() { malformed.incrementAndGet(); }
    void countUnknown() { unknown.incrementAndGet(); }

    /** Messages decoded into a typed or unknown message, plus control messages. */
    public long messages() { return messages.get(); }
    /** Messages (or datagram tails) rejected because their layout or attributes were invalid. */
    public long malformed() { return malformed.get(); }
    /** Well-formed messages reported as {@link dev.keyroute.netlink.UnknownMessage}. */
    public long unknown() { return unknown.get(); }

    @Override
    public String toString() {
        return "ParserStats[messages=" + messages() + ", malformed=" + malformed() + ", unknown=" + unknown() + "]";
    }
}
