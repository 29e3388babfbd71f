package dev.keyroute.netlink.parse;

import dev.keyroute.netlink.MessageKind;
import dev.keyroute.netlink.NextHop;
import dev.keyroute.netlink.RouteMessage;
import dev.keyroute.netlink.RtnlEvent;
import dev.keyroute.netlink.UnknownMessage;
import dev.keyroute.netlink.spec.AddressFamily;
import dev.keyroute.netlink.spec.Netlink;
import dev.keyroute.netlink.spec.Rta;
import dev.keyroute.netlink.wire.RtMsg;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;

/** Decodes RTM_NEWROUTE / RTM_DELROUTE payloads into {@link RouteMessage}. */
final class RouteDecoder {
    private final RtMsg rt = new RtMsg();
    private final Attributes attrs = new Attributes(Policies.ROUTE.maxType());
    private final MultipathDecoder multipath = new MultipathDecoder();

    RtnlEvent decode(ByteBuffer buf, NlHeader h, int at, int end, MessageKind kind) throws MalformedException {
        if (end - at < RtMsg.SIZE) {
            throw new MalformedException("rtmsg truncated");
        }
        rt.wrap(buf, at);
        int family = rt.family();
        if (!AddressFamily.isIp(family)) {
            return new UnknownMessage(h.type(), h.flags(), h.length(), "route of address family " + family);
        }
        int bits = AddressFamily.addressLength(family) * 8;
        if (rt.dstLen() > bits || rt.srcLen() > bits) {
            throw new MalformedException("prefix length beyond " + bits);
        }
        attrs.parse(buf, at + Netlink.align(RtMsg.SIZE), end, Policies.ROUTE, family);
        InetAddress dst = attrs.has(Rta.RTA_DST)
                ? attrs.address(Rta.RTA_DST)
                : Attributes.readAddress(ByteBuffer.allocate(16), 0, bits / 8);
        if (!attrs.has(Rta.RTA_DST) && rt.dstLen() != 0) {
            throw new MalformedException("dst_len " + rt.dstLen() + " without RTA_DST");
        }
        InetAddress gateway = attrs.has(Rta.RTA_GATEWAY) ? attrs.address(Rta.RTA_GATEWAY) : attrs.via(Rta.RTA_VIA);
        List<NextHop> hops = attrs.has(Rta.RTA_MULTIPATH)
                ? multipath.decode(buf, attrs.payloadOffset(Rta.RTA_MULTIPATH), attrs.payloadLength(Rta.RTA_MULTIPATH), family)
                : List.of();
        int oif = attrs.u32(Rta.RTA_OIF, 0);
        if (oif < 0) {
            throw new MalformedException("RTA_OIF " + oif);
        }
        return new RouteMessage(kind, h.flags(), family, dst, rt.dstLen(), rt.srcLen(),
                attrs.u32(Rta.RTA_TABLE, rt.table()), rt.protocol(), rt.scope(), rt.type(), rt.flags(),
                attrs.u32Unsigned(Rta.RTA_PRIORITY, 0), oif, gateway,
                attrs.address(Rta.RTA_PREFSRC), attrs.u32(Rta.RTA_NH_ID, 0), hops);
    }
}
