package dev.keyroute.netlink;

/**
 * Events were lost: the kernel reported ENOBUFS because the socket's receive buffer overflowed,
 * or a datagram did not fit the read buffer. The consumer must re-dump and reconcile.
 *
 * @param cause what was detected
 * @param total number of overruns seen on this socket so far, including this one
 */
public record Overrun(Cause cause, long total) implements RtnlEvent {
    public enum Cause {
        /** recvfrom failed with ENOBUFS: the kernel dropped multicast messages. */
        ENOBUFS,
        /** A datagram was longer than the read buffer and was truncated. */
        TRUNCATED
    }

    @Override
    public boolean requiresResync() {
        return true;
    }
}
