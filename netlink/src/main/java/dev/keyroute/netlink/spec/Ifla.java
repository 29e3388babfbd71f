package dev.keyroute.netlink.spec;

/**
 * Link attributes ({@code IFLA_*} in {@code <linux/if_link.h>}) and interface flags
 * ({@code IFF_*} in {@code <linux/if.h>}).
 */
public final class Ifla {
    private Ifla() {}

    public static final int IFLA_UNSPEC = 0;
    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_BROADCAST = 2;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_LINK = 5;
    public static final int IFLA_QDISC = 6;
    public static final int IFLA_STATS = 7;
    public static final int IFLA_MASTER = 10;
    public static final int IFLA_TXQLEN = 13;
    public static final int IFLA_OPERSTATE = 16;
    public static final int IFLA_LINKMODE = 17;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_EXT_MASK = 29;
    public static final int IFLA_ALT_IFNAME = 53;
    public static final int IFLA_MAX_KNOWN = 64;

    /** Interface names are at most IFNAMSIZ - 1 = 15 bytes plus a NUL. */
    public static final int IFNAMSIZ = 16;

    public static final int IFF_UP = 0x1;
    public static final int IFF_BROADCAST = 0x2;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_POINTOPOINT = 0x10;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_NOARP = 0x80;
    public static final int IFF_MULTICAST = 0x1000;
    public static final int IFF_LOWER_UP = 0x10000;
    public static final int IFF_DORMANT = 0x20000;

    // IFLA_OPERSTATE values (RFC 2863)
    public static final int IF_OPER_UNKNOWN = 0;
    public static final int IF_OPER_DOWN = 2;
    public static final int IF_OPER_UP = 6;
}
