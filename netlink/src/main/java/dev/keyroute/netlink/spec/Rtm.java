package dev.keyroute.netlink.spec;

/**
 * rtnetlink message types and {@code struct rtmsg} field values from {@code <linux/rtnetlink.h>}.
 */
public final class Rtm {
    private Rtm() {}

    // Message types
    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_SETLINK = 19;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24;
    public static final int RTM_DELROUTE = 25;
    public static final int RTM_GETROUTE = 26;

    // rtm_type
    public static final int RTN_UNSPEC = 0;
    public static final int RTN_UNICAST = 1;
    public static final int RTN_LOCAL = 2;
    public static final int RTN_BROADCAST = 3;
    public static final int RTN_ANYCAST = 4;
    public static final int RTN_MULTICAST = 5;
    public static final int RTN_BLACKHOLE = 6;
    public static final int RTN_UNREACHABLE = 7;
    public static final int RTN_PROHIBIT = 8;
    public static final int RTN_THROW = 9;
    public static final int RTN_NAT = 10;

    // rtm_protocol
    public static final int RTPROT_UNSPEC = 0;
    public static final int RTPROT_REDIRECT = 1;
    public static final int RTPROT_KERNEL = 2;
    public static final int RTPROT_BOOT = 3;
    public static final int RTPROT_STATIC = 4;
    public static final int RTPROT_RA = 9;
    public static final int RTPROT_DHCP = 16;
    public static final int RTPROT_BABEL = 42;
    public static final int RTPROT_BGP = 186;
    public static final int RTPROT_OSPF = 188;

    // rtm_scope
    public static final int RT_SCOPE_UNIVERSE = 0;
    public static final int RT_SCOPE_SITE = 200;
    public static final int RT_SCOPE_LINK = 253;
    public static final int RT_SCOPE_HOST = 254;
    public static final int RT_SCOPE_NOWHERE = 255;

    // rtm_table
    public static final int RT_TABLE_UNSPEC = 0;
    public static final int RT_TABLE_COMPAT = 252;
    public static final int RT_TABLE_DEFAULT = 253;
    public static final int RT_TABLE_MAIN = 254;
    public static final int RT_TABLE_LOCAL = 255;

    // rtm_flags
    public static final int RTM_F_NOTIFY = 0x100;
    public static final int RTM_F_CLONED = 0x200;
    public static final int RTM_F_PREFIX = 0x800;

    // rtnh_flags (also found in rtm_flags of single-path routes)
    public static final int RTNH_F_DEAD = 1;
    public static final int RTNH_F_PERVASIVE = 2;
    public static final int RTNH_F_ONLINK = 4;
    public static final int RTNH_F_OFFLOAD = 8;
    public static final int RTNH_F_LINKDOWN = 16;
    public static final int RTNH_F_UNRESOLVED = 32;
}
