package dev.keyroute.netlink.parse;

import static dev.keyroute.netlink.parse.AttrKind.ADDRESS;
import static dev.keyroute.netlink.parse.AttrKind.BINARY;
import static dev.keyroute.netlink.parse.AttrKind.NESTED;
import static dev.keyroute.netlink.parse.AttrKind.U16;
import static dev.keyroute.netlink.parse.AttrKind.U32;
import static dev.keyroute.netlink.parse.AttrKind.U8;
import static dev.keyroute.netlink.parse.AttrKind.VIA;

import dev.keyroute.netlink.spec.Ifa;
import dev.keyroute.netlink.spec.Ifla;
import dev.keyroute.netlink.spec.Netlink;
import dev.keyroute.netlink.spec.Rta;

/** The attribute validation tables, one per message family header. */
public final class Policies {
    private Policies() {}

    /** Attributes of RTM_NEWROUTE / RTM_DELROUTE. */
    public static final AttrPolicy ROUTE = AttrPolicy.builder(Rta.RTA_MAX)
            .rule(Rta.RTA_DST, ADDRESS)
            .rule(Rta.RTA_SRC, ADDRESS)
            .rule(Rta.RTA_IIF, U32)
            .rule(Rta.RTA_OIF, U32)
            .rule(Rta.RTA_GATEWAY, ADDRESS)
            .rule(Rta.RTA_PRIORITY, U32)
            .rule(Rta.RTA_PREFSRC, ADDRESS)
            .rule(Rta.RTA_METRICS, NESTED)
            .rule(Rta.RTA_MULTIPATH, NESTED)
            .rule(Rta.RTA_FLOW, U32)
            .rule(Rta.RTA_CACHEINFO, BINARY)
            .rule(Rta.RTA_TABLE, U32)
            .rule(Rta.RTA_MARK, U32)
            .rule(Rta.RTA_VIA, VIA)
            .rule(Rta.RTA_PREF, U8)
            .rule(Rta.RTA_ENCAP_TYPE, U16)
            .rule(Rta.RTA_ENCAP, NESTED)
            .rule(Rta.RTA_NH_ID, U32)
            .build();

    /** Attributes inside one {@code struct rtnexthop} of RTA_MULTIPATH. */
    public static final AttrPolicy NEXTHOP = AttrPolicy.builder(Rta.RTA_MAX)
            .rule(Rta.RTA_GATEWAY, ADDRESS)
            .rule(Rta.RTA_VIA, VIA)
            .rule(Rta.RTA_FLOW, U32)
            .rule(Rta.RTA_ENCAP_TYPE, U16)
            .rule(Rta.RTA_ENCAP, NESTED)
            .build();

    /** Attributes of RTM_NEWLINK / RTM_DELLINK. */
    public static final AttrPolicy LINK = AttrPolicy.builder(Ifla.IFLA_MAX_KNOWN)
            .rule(Ifla.IFLA_ADDRESS, BINARY)
            .rule(Ifla.IFLA_BROADCAST, BINARY)
            .rule(Ifla.IFLA_IFNAME, AttrRule.string(Ifla.IFNAMSIZ))
            .rule(Ifla.IFLA_MTU, U32)
            .rule(Ifla.IFLA_LINK, U32)
            .rule(Ifla.IFLA_MASTER, U32)
            .rule(Ifla.IFLA_TXQLEN, U32)
            .rule(Ifla.IFLA_OPERSTATE, U8)
            .rule(Ifla.IFLA_LINKMODE, U8)
            .rule(Ifla.IFLA_LINKINFO, NESTED)
            .build();

    /** Attributes of RTM_NEWADDR / RTM_DELADDR. */
    public static final AttrPolicy ADDRESS_POLICY = AttrPolicy.builder(Ifa.IFA_MAX)
            .rule(Ifa.IFA_ADDRESS, ADDRESS)
            .rule(Ifa.IFA_LOCAL, ADDRESS)
            .rule(Ifa.IFA_LABEL, AttrRule.string(Ifla.IFNAMSIZ))
            .rule(Ifa.IFA_BROADCAST, ADDRESS)
            .rule(Ifa.IFA_ANYCAST, ADDRESS)
            .rule(Ifa.IFA_CACHEINFO, BINARY)
            .rule(Ifa.IFA_FLAGS, U32)
            .rule(Ifa.IFA_RT_PRIORITY, U32)
            .rule(Ifa.IFA_PROTO, U8)
            .build();

    /** Extended-ack TLVs after {@code struct nlmsgerr}. */
    public static final AttrPolicy EXT_ACK = AttrPolicy.builder(Netlink.NLMSGERR_ATTR_COOKIE)
            .rule(Netlink.NLMSGERR_ATTR_MSG, AttrRule.string(0xffff))
            .rule(Netlink.NLMSGERR_ATTR_OFFS, U32)
            .rule(Netlink.NLMSGERR_ATTR_COOKIE, BINARY)
            .build();
}
