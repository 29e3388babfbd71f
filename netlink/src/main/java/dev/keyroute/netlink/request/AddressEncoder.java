package dev.keyroute.netlink.request;

import dev.keyroute.netlink.spec.AddressFamily;
import dev.keyroute.netlink.spec.Ifa;
import dev.keyroute.netlink.spec.Netlink;
import dev.keyroute.netlink.spec.Rtm;
import dev.keyroute.netlink.wire.IfAddrMsg;
import dev.keyroute.netlink.wire.MessageWriter;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Encodes RTM_NEWADDR / RTM_DELADDR requests. */
public final class AddressEncoder {
    private AddressEncoder() {}

    /**
     * @param flags IFA_F_* flags, e.g. {@link Ifa#IFA_F_NODAD} to skip duplicate address
     *              detection so an IPv6 address (such as a fe80:: link-local) is usable at once
     */
    public static void add(MessageWriter w, int ifindex, InetAddress address, int prefixLen, int flags) {
        encode(w, Rtm.RTM_NEWADDR, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, ifindex, address, prefixLen, flags);
    }

    public static void delete(MessageWriter w, int ifindex, InetAddress address, int prefixLen) {
        encode(w, Rtm.RTM_DELADDR, 0, ifindex, address, prefixLen, 0);
    }

    private static void encode(MessageWriter w, int type, int nlFlags, int ifindex, InetAddress address,
            int prefixLen, int flags) {
        int bits = address.getAddress().length * 8;
        if (prefixLen < 0 || prefixLen > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLen + " out of 0.." + bits);
        }
        w.begin(type, nlFlags);
        new IfAddrMsg().wrap(w.buffer(), w.reserve(IfAddrMsg.SIZE))
                .family(address instanceof Inet6Address ? AddressFamily.AF_INET6 : AddressFamily.AF_INET)
                .prefixLen(prefixLen)
                .flags(flags & 0xff)
                .index(ifindex);
        w.attrBytes(Ifa.IFA_LOCAL, address.getAddress());
        w.attrBytes(Ifa.IFA_ADDRESS, address.getAddress());
        if (flags != 0) {
            w.attrU32(Ifa.IFA_FLAGS, flags);
        }
    }
}
