package dev.keyroute.netlink.request;

import dev.keyroute.netlink.NextHop;
import dev.keyroute.netlink.RouteRequest;
import dev.keyroute.netlink.spec.AddressFamily;
import dev.keyroute.netlink.spec.Netlink;
import dev.keyroute.netlink.spec.Rta;
import dev.keyroute.netlink.spec.Rtm;
import dev.keyroute.netlink.wire.MessageWriter;
import dev.keyroute.netlink.wire.RtMsg;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Encodes RTM_NEWROUTE (add, replace) and RTM_DELROUTE requests. */
public final class RouteEncoder {
    private RouteEncoder() {}

    public enum Op {
        /** NLM_F_CREATE | NLM_F_EXCL: fails with EEXIST if the route exists. */
        ADD,
        /** NLM_F_CREATE | NLM_F_REPLACE: creates or replaces. */
        REPLACE,
        /** RTM_DELROUTE: unset fields match anything. */
        DELETE
    }

    public static void encode(MessageWriter w, RouteRequest r, Op op) {
        boolean del = op == Op.DELETE;
        int nlFlags = switch (op) {
            case ADD -> Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL;
            case REPLACE -> Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE;
            case DELETE -> 0;
        };
        w.begin(del ? Rtm.RTM_DELROUTE : Rtm.RTM_NEWROUTE, nlFlags);
        int type = r.type() != RouteRequest.UNSET ? r.type() : del ? Rtm.RTN_UNSPEC : Rtm.RTN_UNICAST;
        new RtMsg().wrap(w.buffer(), w.reserve(RtMsg.SIZE))
                .family(r.family())
                .dstLen(r.dstLen())
                .table(r.table() < 256 ? r.table() : Rtm.RT_TABLE_UNSPEC)
                .protocol(r.protocol() != RouteRequest.UNSET ? r.protocol() : del ? Rtm.RTPROT_UNSPEC : Rtm.RTPROT_BOOT)
                .scope(scope(r, type, del))
                .type(type)
                .flags(r.flags());
        w.attrU32(Rta.RTA_TABLE, r.table());
        if (r.dstLen() > 0) {
            w.attrBytes(Rta.RTA_DST, r.dst().getAddress());
        }
        if (r.metric() != RouteRequest.UNSET) {
            w.attrU32(Rta.RTA_PRIORITY, (int) r.metric());
        }
        if (r.prefSrc() != null) {
            w.attrBytes(Rta.RTA_PREFSRC, r.prefSrc().getAddress());
        }
        if (r.oif() != 0) {
            w.attrU32(Rta.RTA_OIF, r.oif());
        }
        if (r.gateway() != null) {
            gateway(w, r.family(), r.gateway());
        }
        if (!r.nexthops().isEmpty()) {
            int mp = w.beginNested(Rta.RTA_MULTIPATH);
            for (NextHop nh : r.nexthops()) {
                int at = w.beginNexthop(nh.flags(), nh.weight(), nh.ifindex());
                if (nh.gateway() != null) {
                    gateway(w, r.family(), nh.gateway());
                }
                w.endNexthop(at);
            }
            w.endNested(mp);
        }
    }

    private static int scope(RouteRequest r, int type, boolean del) {
        if (r.scope() != RouteRequest.UNSET) {
            return r.scope();
        }
        if (del) {
            return Rtm.RT_SCOPE_NOWHERE;
        }
        return switch (type) {
            case Rtm.RTN_LOCAL, Rtm.RTN_NAT -> Rtm.RT_SCOPE_HOST;
            case Rtm.RTN_BROADCAST, Rtm.RTN_MULTICAST, Rtm.RTN_ANYCAST -> Rtm.RT_SCOPE_LINK;
            case Rtm.RTN_UNICAST -> r.gateway() == null && r.nexthops().isEmpty() ? Rtm.RT_SCOPE_LINK : Rtm.RT_SCOPE_UNIVERSE;
            default -> Rtm.RT_SCOPE_UNIVERSE;
        };
    }

    /** Same family: RTA_GATEWAY. Other family (IPv4 route, IPv6 next hop): RTA_VIA. */
    private static void gateway(MessageWriter w, int routeFamily, InetAddress gw) {
        int gwFamily = gw instanceof Inet6Address ? AddressFamily.AF_INET6 : AddressFamily.AF_INET;
        if (gwFamily == routeFamily) {
            w.attrBytes(Rta.RTA_GATEWAY, gw.getAddress());
        } else {
            w.attrVia(Rta.RTA_VIA, gwFamily, gw.getAddress());
        }
    }
}
