package dev.keyroute.netlink;

/**
 * What the one rtnetlink parser produces, for dumps and for events alike: typed messages, an
 * {@link UnknownMessage} for anything it does not model, and the two resync signals
 * {@link Overrun} (events were lost) and {@link DumpInterrupted} (a dump was inconsistent).
 * A consumer that sees either resync signal must re-dump and reconcile.
 */
public sealed interface RtnlEvent
        permits RouteMessage, LinkMessage, AddressMessage, UnknownMessage, Overrun, DumpInterrupted {

    /** True for {@link Overrun} and {@link DumpInterrupted}: state must be re-read with a dump. */
    default boolean requiresResync() {
        return false;
    }
}
