package dev.keyroute.netlink.parse;

import dev.keyroute.netlink.NextHop;
import dev.keyroute.netlink.spec.Netlink;
import dev.keyroute.netlink.spec.Rta;
import dev.keyroute.netlink.wire.RtNexthop;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Decodes the payload of RTA_MULTIPATH: a sequence of {@code struct rtnexthop} + attributes. */
final class MultipathDecoder {
    private final RtNexthop nh = new RtNexthop();
    private final Attributes attrs = new Attributes(Policies.NEXTHOP.maxType());

    List<NextHop> decode(ByteBuffer buf, int at, int len, int family) throws MalformedException {
        int end = at + len;
        List<NextHop> hops = new ArrayList<>();
        while (end - at >= RtNexthop.SIZE) {
            nh.wrap(buf, at);
            int l = nh.length();
            if (l < RtNexthop.SIZE || l > end - at) {
                throw new MalformedException("rtnexthop length " + l);
            }
            if (nh.ifindex() < 0) {
                throw new MalformedException("rtnexthop ifindex " + nh.ifindex());
            }
            attrs.parse(buf, at + RtNexthop.SIZE, at + l, Policies.NEXTHOP, family);
            InetAddress gw = attrs.has(Rta.RTA_GATEWAY) ? attrs.address(Rta.RTA_GATEWAY) : attrs.via(Rta.RTA_VIA);
            hops.add(new NextHop(nh.ifindex(), nh.hops() + 1, nh.flags(), gw));
            at += Netlink.align(l);
        }
        if (at < end) {
            throw new MalformedException("trailing bytes in RTA_MULTIPATH");
        }
        return hops;
    }
}
