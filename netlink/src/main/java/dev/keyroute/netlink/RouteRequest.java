package dev.keyroute.netlink;

import dev.keyroute.netlink.spec.AddressFamily;
import dev.keyroute.netlink.spec.Rtm;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An immutable route to add, replace or delete, built with {@link #to(InetAddress, int)}.
 * Fields left unset take the meaning {@code ip route} gives them: for add/replace type unicast,
 * protocol boot, scope link for a unicast route without next hop else universe; for delete they
 * stay wildcards (any type, protocol, scope, metric).
 *
 * <pre>{@code
 * RouteRequest.to(InetAddress.getByName("10.1.0.0"), 24)
 *     .gateway(InetAddress.getByName("fe80::1"))   // other family: encoded as RTA_VIA
 *     .oif(wg0).table(100).metric(10).protocol(Rtm.RTPROT_STATIC).build();
 * }</pre>
 */
public final class RouteRequest {
    /** Marks an optional numeric field that was not set. */
    public static final int UNSET = -1;

    private final InetAddress dst;
    private final int dstLen;
    private final int table;
    private final int protocol;
    private final int scope;
    private final int type;
    private final long metric;
    private final int oif;
    private final int flags;
    private final InetAddress gateway;
    private final InetAddress prefSrc;
    private final List<NextHop> nexthops;

    private RouteRequest(Builder b) {
        dst = b.dst;
        dstLen = b.dstLen;
        table = b.table;
        protocol = b.protocol;
        scope = b.scope;
        type = b.type;
        metric = b.metric;
        oif = b.oif;
        flags = b.flags;
        gateway = b.gateway;
        prefSrc = b.prefSrc;
        nexthops = List.copyOf(b.nexthops);
    }

    /** Starts a request for the prefix {@code dst/dstLen}; the family follows {@code dst}. */
    public static Builder to(InetAddress dst, int dstLen) {
        return new Builder(dst, dstLen);
    }

    public int family() { return dst instanceof Inet6Address ? AddressFamily.AF_INET6 : AddressFamily.AF_INET; }
    public InetAddress dst() { return dst; }
    public int dstLen() { return dstLen; }
    public int table() { return table; }
    /** RTPROT_* or {@link #UNSET}. */
    public int protocol() { return protocol; }
    /** RT_SCOPE_* or {@link #UNSET}. */
    public int scope() { return scope; }
    /** RTN_* or {@link #UNSET}. */
    public int type() { return type; }
    /** Metric (RTA_PRIORITY), or {@link #UNSET}. */
    public long metric() { return metric; }
    public int oif() { return oif; }
    /** RTNH_F_* flags for rtm_flags, e.g. RTNH_F_ONLINK. */
    public int flags() { return flags; }
    public InetAddress gateway() { return gateway; }
    public InetAddress prefSrc() { return prefSrc; }
    public List<NextHop> nexthops() { return nexthops; }

    @Override
    public String toString() {
        return "RouteRequest[" + dst.getHostAddress() + "/" + dstLen + " table " + table
                + (gateway != null ? " via " + gateway.getHostAddress() : "") + (oif != 0 ? " oif " + oif : "")
                + (metric != UNSET ? " metric " + metric : "") + (nexthops.isEmpty() ? "" : " nexthops " + nexthops) + "]";
    }

    public static final class Builder {
        private final InetAddress dst;
        private final int dstLen;
        private int table = Rtm.RT_TABLE_MAIN;
        private int protocol = UNSET;
        private int scope = UNSET;
        private int type = UNSET;
        private long metric = UNSET;
        private int oif;
        private int flags;
        private InetAddress gateway;
        private InetAddress prefSrc;
        private final List<NextHop> nexthops = new ArrayList<>();

        private Builder(InetAddress dst, int dstLen) {
            this.dst = Objects.requireNonNull(dst, "dst");
            int bits = dst.getAddress().length * 8;
            if (dstLen < 0 || dstLen > bits) {
                throw new IllegalArgumentException("prefix length " + dstLen + " out of 0.." + bits);
            }
            this.dstLen = dstLen;
        }

        public Builder table(int t) {
            if (t <= 0) {
                throw new IllegalArgumentException("table must be > 0: " + t);
            }
            table = t;
            return this;
        }

        public Builder protocol(int p) { protocol = checkU8(p, "protocol"); return this; }
        public Builder scope(int s) { scope = checkU8(s, "scope"); return this; }
        public Builder type(int t) { type = checkU8(t, "type"); return this; }

        public Builder metric(long m) {
            if (m < 0 || m > 0xffffffffL) {
                throw new IllegalArgumentException("metric out of u32 range: " + m);
            }
            metric = m;
            return this;
        }

        /** Output interface (RTA_OIF). */
        public Builder oif(int ifindex) {
            if (ifindex <= 0) {
                throw new IllegalArgumentException("ifindex must be > 0");
            }
            oif = ifindex;
            return this;
        }

        /** Next hop; if its family differs from the route's it is sent as RTA_VIA. */
        public Builder gateway(InetAddress gw) { gateway = Objects.requireNonNull(gw); return this; }
        public Builder prefSrc(InetAddress src) { prefSrc = Objects.requireNonNull(src); return this; }
        public Builder onlink() { flags |= Rtm.RTNH_F_ONLINK; return this; }

        /** Adds one path of a multipath route (RTA_MULTIPATH). */
        public Builder nextHop(NextHop nh) { nexthops.add(Objects.requireNonNull(nh)); return this; }

        public RouteRequest build() {
            if (!nexthops.isEmpty() && (gateway != null || oif != 0)) {
                throw new IllegalArgumentException("use either nexthops or gateway/oif, not both");
            }
            boolean v6 = dst instanceof Inet6Address;
            for (NextHop nh : nexthops) {
                checkGatewayFamily(v6, nh.gateway());
            }
            checkGatewayFamily(v6, gateway);
            return new RouteRequest(this);
        }

        private static void checkGatewayFamily(boolean v6Route, InetAddress gw) {
            if (v6Route && gw != null && !(gw instanceof Inet6Address)) {
                throw new IllegalArgumentException("an IPv6 route cannot use an IPv4 next hop: " + gw);
            }
        }

        private static int checkU8(int v, String what) {
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException(what + " out of 0..255: " + v);
            }
            return v;
        }
    }
}
