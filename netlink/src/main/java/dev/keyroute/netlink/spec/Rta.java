package dev.keyroute.netlink.spec;

/** Route attribute types ({@code enum rtattr_type_t} in {@code <linux/rtnetlink.h>}). */
public final class Rta {
    private Rta() {}

    public static final int RTA_UNSPEC = 0;
    public static final int RTA_DST = 1;
    public static final int RTA_SRC = 2;
    public static final int RTA_IIF = 3;
    public static final int RTA_OIF = 4;
    public static final int RTA_GATEWAY = 5;
    public static final int RTA_PRIORITY = 6;
    public static final int RTA_PREFSRC = 7;
    public static final int RTA_METRICS = 8;
    public static final int RTA_MULTIPATH = 9;
    public static final int RTA_PROTOINFO = 10;
    public static final int RTA_FLOW = 11;
    public static final int RTA_CACHEINFO = 12;
    public static final int RTA_SESSION = 13;
    public static final int RTA_MP_ALGO = 14;
    public static final int RTA_TABLE = 15;
    public static final int RTA_MARK = 16;
    public static final int RTA_MFC_STATS = 17;
    public static final int RTA_VIA = 18;
    public static final int RTA_NEWDST = 19;
    public static final int RTA_PREF = 20;
    public static final int RTA_ENCAP_TYPE = 21;
    public static final int RTA_ENCAP = 22;
    public static final int RTA_EXPIRES = 23;
    public static final int RTA_PAD = 24;
    public static final int RTA_UID = 25;
    public static final int RTA_TTL_PROPAGATE = 26;
    public static final int RTA_IP_PROTO = 27;
    public static final int RTA_SPORT = 28;
    public static final int RTA_DPORT = 29;
    public static final int RTA_NH_ID = 30;
    public static final int RTA_MAX = 30;
}
