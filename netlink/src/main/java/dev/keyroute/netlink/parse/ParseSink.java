package dev.keyroute.netlink.parse;

import dev.keyroute.netlink.RtnlEvent;

/** Receives what {@link RtnlParser} found in one datagram, in order. */
public interface ParseSink {
    /** A data message: a typed message, or an {@link dev.keyroute.netlink.UnknownMessage}. */
    void message(NlHeader header, RtnlEvent message);

    /**
     * NLMSG_ERROR: {@code errno == 0} is an acknowledgement.
     *
     * @param extAck the kernel's extended-ack message (NLMSGERR_ATTR_MSG) or null
     */
    void error(NlHeader header, int errno, String extAck);

    /** NLMSG_DONE ending a dump; {@code errno != 0} when the dump itself failed. */
    void done(NlHeader header, int errno, String extAck);

    /** A message rejected as malformed (already counted); {@code header} may be null if unreadable. */
    default void malformed(NlHeader header, String reason) {}
}
