package dev.keyroute.netlink.parse;

import dev.keyroute.netlink.AddressMessage;
import dev.keyroute.netlink.MessageKind;
import dev.keyroute.netlink.RtnlEvent;
import dev.keyroute.netlink.UnknownMessage;
import dev.keyroute.netlink.spec.AddressFamily;
import dev.keyroute.netlink.spec.Ifa;
import dev.keyroute.netlink.spec.Netlink;
import dev.keyroute.netlink.wire.IfAddrMsg;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/** Decodes RTM_NEWADDR / RTM_DELADDR payloads into {@link AddressMessage}. */
final class AddressDecoder {
    private final IfAddrMsg ifa = new IfAddrMsg();
    private final Attributes attrs = new Attributes(Policies.ADDRESS_POLICY.maxType());

    RtnlEvent decode(ByteBuffer buf, NlHeader h, int at, int end, MessageKind kind) throws MalformedException {
        if (end - at < IfAddrMsg.SIZE) {
            throw new MalformedException("ifaddrmsg truncated");
        }
        ifa.wrap(buf, at);
        int family = ifa.family();
        if (!AddressFamily.isIp(family)) {
            return new UnknownMessage(h.type(), h.flags(), h.length(), "address of family " + family);
        }
        if (ifa.prefixLen() > AddressFamily.addressLength(family) * 8) {
            throw new MalformedException("prefixlen " + ifa.prefixLen());
        }
        attrs.parse(buf, at + Netlink.align(IfAddrMsg.SIZE), end, Policies.ADDRESS_POLICY, family);
        InetAddress local = attrs.address(Ifa.IFA_LOCAL);
        InetAddress address = attrs.address(Ifa.IFA_ADDRESS);
        if (local == null && address == null) {
            throw new MalformedException("address message without IFA_LOCAL or IFA_ADDRESS");
        }
        InetAddress own = local != null ? local : address;
        InetAddress peer = local != null && address != null && !local.equals(address) ? address : null;
        return new AddressMessage(kind, h.flags(), family, ifa.index(), own, peer, ifa.prefixLen(), ifa.scope(),
                attrs.u32(Ifa.IFA_FLAGS, ifa.flags()), attrs.string(Ifa.IFA_LABEL));
    }
}
