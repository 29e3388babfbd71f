package dev.keyroute.netlink;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One path of a route: output interface, weight and optional gateway. Used both in parsed
 * {@link RouteMessage}s and in {@link RouteRequest}s.
 *
 * <p>{@code gateway} may be of the other address family than the route (an IPv4 route via an
 * IPv6 next hop, RFC 5549); on the wire that is RTA_VIA, otherwise RTA_GATEWAY.
 *
 * @param ifindex output interface, 0 if unspecified
 * @param weight  1..256; on the wire {@code rtnh_hops = weight - 1}
 * @param flags   RTNH_F_* flags (e.g. {@code RTNH_F_LINKDOWN}, {@code RTNH_F_ONLINK})
 * @param gateway next hop address or {@code null} for a directly connected path
 */
public record NextHop(int ifindex, int weight, int flags, InetAddress gateway) {
    public NextHop {
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("weight must be 1..256: " + weight);
        }
        if (ifindex < 0) {
            throw new IllegalArgumentException("ifindex must be >= 0: " + ifindex);
        }
    }

    /** A path via {@code gateway} on {@code ifindex} with weight 1 and no flags. */
    public static NextHop via(InetAddress gateway, int ifindex) {
        return new NextHop(ifindex, 1, 0, Objects.requireNonNull(gateway));
    }

    public NextHop withWeight(int w) {
        return new NextHop(ifindex, w, flags, gateway);
    }
}
