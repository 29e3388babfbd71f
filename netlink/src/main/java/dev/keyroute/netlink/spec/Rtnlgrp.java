package dev.keyroute.netlink.spec;

/**
 * rtnetlink multicast groups ({@code enum rtnetlink_groups}). Joined one by one with
 * {@code NETLINK_ADD_MEMBERSHIP}, which, unlike the legacy {@code nl_groups} bit mask, reaches
 * every group number.
 */
public final class Rtnlgrp {
    private Rtnlgrp() {}

    public static final int RTNLGRP_LINK = 1;
    public static final int RTNLGRP_NOTIFY = 2;
    public static final int RTNLGRP_NEIGH = 3;
    public static final int RTNLGRP_TC = 4;
    public static final int RTNLGRP_IPV4_IFADDR = 5;
    public static final int RTNLGRP_IPV4_MROUTE = 6;
    public static final int RTNLGRP_IPV4_ROUTE = 7;
    public static final int RTNLGRP_IPV4_RULE = 8;
    public static final int RTNLGRP_IPV6_IFADDR = 9;
    public static final int RTNLGRP_IPV6_MROUTE = 10;
    public static final int RTNLGRP_IPV6_ROUTE = 11;

    /** The groups a route follower needs: routes of both families, links and addresses. */
    public static int[] routeFollowerGroups() {
        return new int[] {RTNLGRP_IPV4_ROUTE, RTNLGRP_IPV6_ROUTE, RTNLGRP_LINK,
            RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV6_IFADDR};
    }
}
