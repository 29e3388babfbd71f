package dev.keyroute.netlink.wire;

/**
 * Layout of {@code struct rtvia}, the payload of RTA_VIA: a next hop of any address family
 * (RFC 5549: an IPv4 route via an IPv6 next hop).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-------------------------------+-------------------------------+
 * |   rtvia_family (host order)   |   rtvia_addr (4 or 16 bytes)  |
 * +-------------------------------+              ...              |
 * </pre>
 */
public final class RtVia {
    private RtVia() {}

    public static final int FAMILY = 0;
    public static final int ADDR = 2;
}
