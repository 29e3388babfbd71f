package dev.keyroute.netlink.parse;

import dev.keyroute.netlink.LinkMessage;
import dev.keyroute.netlink.MessageKind;
import dev.keyroute.netlink.spec.AddressFamily;
import dev.keyroute.netlink.spec.Ifla;
import dev.keyroute.netlink.spec.Netlink;
import dev.keyroute.netlink.wire.IfInfoMsg;
import java.nio.ByteBuffer;

/** Decodes RTM_NEWLINK / RTM_DELLINK payloads into {@link LinkMessage}. */
final class LinkDecoder {
    private final IfInfoMsg ifi = new IfInfoMsg();
    private final Attributes attrs = new Attributes(Policies.LINK.maxType());

    LinkMessage decode(ByteBuffer buf, NlHeader h, int at, int end, MessageKind kind) throws MalformedException {
        if (end - at < IfInfoMsg.SIZE) {
            throw new MalformedException("ifinfomsg truncated");
        }
        ifi.wrap(buf, at);
        if (ifi.index() <= 0) {
            throw new MalformedException("ifindex " + ifi.index());
        }
        attrs.parse(buf, at + Netlink.align(IfInfoMsg.SIZE), end, Policies.LINK, AddressFamily.AF_UNSPEC);
        return new LinkMessage(kind, h.flags(), ifi.index(), attrs.string(Ifla.IFLA_IFNAME), ifi.flags(),
                attrs.u32(Ifla.IFLA_MTU, 0), attrs.u8(Ifla.IFLA_OPERSTATE, -1), ifi.type());
    }
}
