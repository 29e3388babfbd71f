package dev.keyroute.netlink;

import dev.keyroute.netlink.spec.Netlink;
import dev.keyroute.netlink.spec.Rtm;
import java.net.InetAddress;
import java.util.List;

/**
 * A parsed RTM_NEWROUTE / RTM_DELROUTE (from a dump or an event). Absent attributes take the
 * kernel's meaning of absence: {@code priority} 0, {@code oif} 0, {@code gateway} and
 * {@code prefSrc} null, {@code nhId} 0, {@code nexthops} empty (single path).
 *
 * @param kind      NEW or DEL
 * @param nlFlags   nlmsg_flags of the message, e.g. {@code NLM_F_REPLACE} on a replace event
 * @param family    AF_INET or AF_INET6
 * @param dst       destination network (all-zero address for a default route)
 * @param dstLen    destination prefix length
 * @param srcLen    source prefix length (source-specific routes), usually 0
 * @param table     routing table: RTA_TABLE if present (ids above 255), else rtm_table
 * @param protocol  rtm_protocol (RTPROT_*)
 * @param scope     rtm_scope (RT_SCOPE_*)
 * @param type      rtm_type (RTN_UNICAST, RTN_BLACKHOLE, ...)
 * @param rtmFlags  rtm_flags (RTM_F_*, and RTNH_F_* of a single path)
 * @param priority  RTA_PRIORITY (the metric), unsigned 32 bit
 * @param oif       RTA_OIF of a single-path route
 * @param gateway   RTA_GATEWAY, or RTA_VIA (other family) of a single-path route
 * @param prefSrc   RTA_PREFSRC
 * @param nhId      RTA_NH_ID when the route uses a nexthop object (not resolved here)
 * @param nexthops  RTA_MULTIPATH paths; empty for a single-path route
 */
public record RouteMessage(
        MessageKind kind, int nlFlags, int family, InetAddress dst, int dstLen, int srcLen,
        int table, int protocol, int scope, int type, int rtmFlags, long priority, int oif,
        InetAddress gateway, InetAddress prefSrc, int nhId, List<NextHop> nexthops)
        implements RtnlEvent {

    public RouteMessage {
        nexthops = List.copyOf(nexthops);
    }

    /** True if this event replaced an existing route (NLM_F_REPLACE on RTM_NEWROUTE). */
    public boolean isReplace() {
        return kind == MessageKind.NEW && (nlFlags & Netlink.NLM_F_REPLACE) != 0;
    }

    public boolean isMultipath() {
        return !nexthops.isEmpty();
    }

    public boolean isUnicast() {
        return type == Rtm.RTN_UNICAST;
    }

    /**
     * The paths of this route in one shape: the RTA_MULTIPATH list, or for a single-path route
     * one {@link NextHop} built from {@code oif}, weight 1, {@code rtmFlags} and {@code gateway}.
     * Empty for a route with neither output device nor next hop (e.g. blackhole).
     */
    public List<NextHop> paths() {
        if (!nexthops.isEmpty()) {
            return nexthops;
        }
        if (oif == 0 && gateway == null) {
            return List.of();
        }
        return List.of(new NextHop(oif, 1, rtmFlags & 0xff, gateway));
    }

    /** True if any path leaves through {@code ifindex}. */
    public boolean usesInterface(int ifindex) {
        for (NextHop nh : paths()) {
            if (nh.ifindex() == ifindex) {
                return true;
            }
        }
        return false;
    }
}
