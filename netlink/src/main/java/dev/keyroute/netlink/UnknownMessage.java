package dev.keyroute.netlink;

/**
 * A well-formed netlink message this library does not model: another message type, or a route
 * of a non-IP family (e.g. MPLS, multicast routing). Reported, never fatal.
 *
 * @param nlType  nlmsg_type
 * @param nlFlags nlmsg_flags
 * @param length  nlmsg_len
 * @param reason  why it was not decoded
 */
public record UnknownMessage(int nlType, int nlFlags, int length, String reason) implements RtnlEvent {
}
