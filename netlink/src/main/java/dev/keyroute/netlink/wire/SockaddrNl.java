package dev.keyroute.netlink.wire;

/**
 * Layout of {@code struct sockaddr_nl}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-------------------------------+-------------------------------+
 * |   nl_family (AF_NETLINK)      |            nl_pad             |
 * +-------------------------------+-------------------------------+
 * |               nl_pid (port id, 0 = kernel)                    |
 * +---------------------------------------------------------------+
 * |               nl_groups (legacy multicast bit mask)           |
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class SockaddrNl {
    private SockaddrNl() {}

    public static final int FAMILY = 0;
    public static final int PID = 4;
    public static final int GROUPS = 8;
    public static final int SIZE = 12;
}
